package io.nas.trainer.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialStatus;
import io.nas.storage.TrialObjects;
import io.nas.trainer.config.TrainerConfig;
import io.nas.trainer.domain.TrialLease;
import io.nas.trainer.domain.TrialOutcome;
import io.nas.trainer.messaging.TrialEvents;
import io.nas.trainer.service.TrialLeases.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Answers one proposal with one {@code nas.accuracy} event, in this order: refuse what cannot be served (unknown
 * backend, architecture outside its space, above the guard rails) before anything is allocated; wait for the object
 * store while it is unreachable; answer a trial whose {@code metrics.json} exists from it; refuse trials of stopped
 * experiments; claim the trial's lease (long trainings), resume from its last stage checkpoint, train, store
 * {@code metrics.json} and publish. A leased trial's answer is stored before its lease is released, so a peer waiting
 * for the lease answers from it; an unleased one is stored while it is published (see {@link Answer}).
 * <p>
 * A trial abandoned because its experiment was stopped is answered {@code REFUSED} (not {@code FAILED}: the candidate
 * did not break, and a search must not learn from it) and keeps its checkpoints; one whose lease a peer took over
 * is answered by that peer, not here.
 */
@ApplicationScoped
public class TrialService {

    private static final Logger LOG = Logger.getLogger(TrialService.class);

    private final Map<String, TrainingBackend> backends = new TreeMap<>();
    private final TrialStore store;
    private final TrialLeases leases;
    private final StoppedExperiments stopped;
    private final TrialEvents events;
    private final TrainerConfig config;
    private final MeterRegistry registry;
    private volatile RunningTrial running;

    public TrialService(Instance<TrainingBackend> backends, TrialStore store, TrialLeases leases,
                        StoppedExperiments stopped, TrialEvents events, TrainerConfig config, MeterRegistry registry) {
        backends.forEach(backend -> this.backends.put(backend.name(), backend));
        this.store = store;
        this.leases = leases;
        this.stopped = stopped;
        this.events = events;
        this.config = config;
        this.registry = registry;
    }

    /** Publishes the proposal's answer, unless a peer took its lease over (the peer answers then). */
    public void answer(Proposal proposal) throws Exception {
        if (proposal.duplicateOf() != null) {
            // The architecture was proposed before in this experiment: the reward service reuses that trial's result.
            LOG.debugf("Trial %s repeats %s: not trained", proposal.trialId(), proposal.duplicateOf());
            return;
        }
        String backend = backendName(proposal);
        running = new RunningTrial(proposal.trialId(), backend, Instant.now());
        try {
            Optional<Answer> decided = decide(proposal, backend);
            if (decided.isPresent()) {
                AccuracyMeasured answer = decided.get().event();
                events.accuracy(answer);
                decided.get().awaitStored();
                registry.counter("nas.trainer.trials", "backend", backend, "status", answer.status().name())
                        .increment();
                LOG.infof("Trial %s answered %s%s", proposal.trialId(), answer.status(),
                        answer.status() == TrialStatus.OK ? " accuracy " + answer.accuracy() : ": " + answer.reason());
            }
        } finally {
            running = null;
        }
    }

    /** The trial this replica works on now, if any. */
    public Optional<RunningTrial> running() {
        return Optional.ofNullable(running);
    }

    private Optional<Answer> decide(Proposal proposal, String backendName) throws Exception {
        TrainingBackend backend = backends.get(backendName);
        if (backend == null) {
            return refused(proposal, "unknown training backend '" + backendName + "'; this trainer serves "
                    + backends.keySet());
        }
        Candidate candidate;
        try {
            candidate = backend.admit(proposal);
            requireWithinGuardRails(candidate);
        } catch (TrialRefusedException e) {
            return refused(proposal, e.getMessage());
        }
        TrialObjects objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
        Optional<AccuracyMeasured> stored = store.metricsOnceReachable(objects);
        if (stored.isPresent()) {
            LOG.infof("Trial %s already has %s: answering from it", proposal.trialId(), objects.metrics());
            return stored.map(Answer::of);
        }
        if (stopped.isStopped(proposal.experimentId())) {
            return refused(proposal, TrialSession.EXPERIMENT_STOPPED);
        }
        if (!backend.leased()) {
            return run(backend, candidate, objects, null);
        }
        Claim claim = leases.claim(objects);
        if (claim instanceof Claim.Answered answered) {
            return Optional.of(Answer.of(answered.answer()));
        }
        Claim.Held held = (Claim.Held) claim;
        try {
            TrialLease lease = held.lease().lease();
            if (lease.crashes() >= config.maxCrashes()) {
                return failed(proposal, candidate, objects, lease.crashes() + " trainers died while training this"
                        + " trial (the last was " + (held.previous() == null ? "unknown" : held.previous().owner())
                        + "); not resumed again");
            }
            return run(backend, candidate, objects, held.lease());
        } finally {
            held.lease().release();
        }
    }

    private Optional<Answer> run(TrainingBackend backend, Candidate candidate, TrialObjects objects,
                                 TrialLeases.HeldLease lease) throws Exception {
        Proposal proposal = candidate.proposal();
        TrialSession session = new TrialSession(proposal, config.id(), store, events, stopped, lease);
        try {
            CompletableFuture<Void> architectureStored = store.putArchitecture(objects,
                    candidate.architecture().canonical());
            TrialOutcome outcome = backend.train(candidate, session);
            awaitStored(architectureStored);
            AccuracyMeasured answer = new AccuracyMeasured(null, proposal.trialId(), proposal.experimentId(),
                    TrialStatus.OK, null, outcome.accuracy(), candidate.params(), candidate.madds(),
                    outcome.trainingSeconds(), outcome.imagesPerSecond(), outcome.checkpointUri(), config.id(),
                    Instant.now());
            if (lease != null) {
                // A peer waiting for the lease answers from metrics.json once it is released: stored first.
                store.putMetrics(objects, answer);
                return Optional.of(Answer.of(answer));
            }
            return Optional.of(new Answer(answer, store.putMetricsLater(objects, answer)));
        } catch (TrialAbandonedException e) {
            if (e.leaseLost()) {
                LOG.warnf("Trial %s abandoned: %s; the peer that holds its lease answers it", proposal.trialId(),
                        e.getMessage());
                return Optional.empty();
            }
            return refused(proposal, e.getMessage());
        } catch (TrialRefusedException e) {
            return refused(proposal, e.getMessage());
        } catch (TrialFailedException e) {
            return failed(proposal, candidate, objects, e.getMessage());
        } catch (InterruptedException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            return failed(proposal, candidate, objects, "out of memory: " + e.getMessage());
        } catch (Exception e) {
            LOG.errorf(e, "Trial %s broke", proposal.trialId());
            return failed(proposal, candidate, objects, e.toString());
        }
    }

    private static void awaitStored(CompletableFuture<Void> write) throws Exception {
        try {
            write.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void requireWithinGuardRails(Candidate candidate) throws TrialRefusedException {
        if (candidate.params() != null && candidate.params() > config.maxParams()) {
            throw new TrialRefusedException(candidate.params() + " parameters exceed nas.trainer.max-params="
                    + config.maxParams());
        }
        if (candidate.madds() != null && candidate.madds() > config.maxMadds()) {
            throw new TrialRefusedException(candidate.madds() + " multiply-adds at "
                    + candidate.proposal().inferenceResolution() + " px exceed nas.trainer.max-madds="
                    + config.maxMadds());
        }
    }

    private Optional<Answer> refused(Proposal proposal, String reason) {
        return Optional.of(Answer.of(new AccuracyMeasured(null, proposal.trialId(), proposal.experimentId(),
                TrialStatus.REFUSED, reason, null, null, null, null, null, null, config.id(), Instant.now())));
    }

    /** A trial that was tried and broke keeps its answer in {@code metrics.json}: it is never tried again. */
    private Optional<Answer> failed(Proposal proposal, Candidate candidate, TrialObjects objects, String reason) {
        AccuracyMeasured answer = new AccuracyMeasured(null, proposal.trialId(), proposal.experimentId(),
                TrialStatus.FAILED, reason, null, candidate.params(), candidate.madds(), null, null, null, config.id(),
                Instant.now());
        try {
            store.putMetrics(objects, answer);
        } catch (Exception e) {
            LOG.warnf("Trial %s: could not store its failure in %s: %s", proposal.trialId(), objects.metrics(),
                    e.toString());
        }
        return Optional.of(Answer.of(answer));
    }

    private static String backendName(Proposal proposal) {
        String backend = proposal.training().backend();
        return backend == null || backend.isBlank() ? TrainingBackend.DJL : backend;
    }

    /**
     * An answer to publish and the write of its {@code metrics.json}, which may run while it is published: the offset
     * commits after both, and a crash between them is answered from {@code metrics.json} on redelivery, or trained
     * again (the reward service counts a trial once).
     */
    private record Answer(AccuracyMeasured event, CompletableFuture<Void> stored) {

        /** Stored already, or never stored (refusals). */
        static Answer of(AccuracyMeasured event) {
            return new Answer(event, CompletableFuture.completedFuture(null));
        }

        /** A failed write is only logged: the answer is out, a redelivery would merely train the trial again. */
        void awaitStored() throws InterruptedException {
            try {
                stored.get();
            } catch (ExecutionException e) {
                LOG.warnf("Trial %s: metrics.json not stored (%s); a redelivery would train it again",
                        event.trialId(), e.getCause().toString());
            }
        }
    }

    /** What the health check shows while a trial is being answered. */
    public record RunningTrial(String trialId, String backend, Instant since) {
    }
}
