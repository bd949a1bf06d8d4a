package io.nas.sampler.service;

import io.nas.contract.Topics;
import io.nas.contract.TrialIds;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.ExperimentUpdate;
import io.nas.contract.event.PolicyPublished;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import io.nas.outbox.Outbox;
import io.nas.sampler.domain.Experiment;
import io.nas.sampler.domain.ExperimentView;
import io.nas.sampler.domain.PolicySnapshot;
import io.nas.sampler.domain.ProcessedTrial;
import io.nas.sampler.domain.ProposedTrial;
import io.nas.search.Draw;
import io.nas.search.Strategies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The search loop of one experiment: keep up to {@code maxInFlight} trials proposed while the budget allows (trial
 * count, and training seconds spent plus the in-flight trials at the mean so far), count every answer once, and
 * finish when nothing is in flight and nothing more may be proposed. Every state the loop needs is in the database,
 * written in the transaction that changes it, so a restarted sampler resumes where it was.
 */
@ApplicationScoped
public class ExperimentService {

    private static final Logger LOG = Logger.getLogger(ExperimentService.class);
    private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final Outbox outbox;
    private final CandidateSampler sampler;
    private final PolicyParameters policyParameters;
    private final TrainerDispatch dispatch;
    private final SecureRandom random = new SecureRandom();

    public ExperimentService(Outbox outbox, CandidateSampler sampler, PolicyParameters policyParameters,
                             TrainerDispatch dispatch) {
        this.outbox = outbox;
        this.sampler = sampler;
        this.policyParameters = policyParameters;
        this.dispatch = dispatch;
    }

    /** Stores a new experiment, announces it RUNNING and proposes its first trials. */
    @Transactional
    public ExperimentView create(ExperimentSpec requested) {
        ExperimentAdmission.Admitted admitted = ExperimentAdmission.admit(requested, random);
        ExperimentSpec spec = admitted.spec();
        Instant now = Instant.now();
        Experiment experiment = new Experiment();
        experiment.id = newId(now);
        experiment.name = spec.name();
        experiment.spec = EventJson.write(spec);
        experiment.state = ExperimentState.RUNNING;
        experiment.strategy = spec.strategy();
        experiment.maxTrials = spec.maxTrials();
        experiment.maxTrainingSeconds = spec.maxTrainingSeconds();
        experiment.maxInFlight = spec.maxInFlight();
        experiment.seed = spec.seed();
        experiment.createdAt = now;
        experiment.updatedAt = now;
        experiment.persist();
        announce(experiment, spec);
        proposeWhileRoom(experiment, spec, admitted.space());
        LOG.infof("Experiment %s created: %s on %s, %s trials, %s training seconds, %d in flight", experiment.id,
                experiment.strategy, spec.space().preset(), experiment.maxTrials, experiment.maxTrainingSeconds,
                experiment.maxInFlight);
        return ExperimentView.of(experiment);
    }

    @Transactional
    public Optional<ExperimentView> find(String id) {
        return Experiment.<Experiment>findByIdOptional(id).map(ExperimentView::of);
    }

    @Transactional
    public List<ExperimentView> newestFirst(int limit) {
        return Experiment.newestFirst(limit).stream().map(ExperimentView::of).toList();
    }

    /** Stops a running experiment: announced STOPPED, nothing more proposed; results still arriving are counted. */
    @Transactional
    public Optional<ExperimentView> stop(String id) {
        Optional<Experiment> found = Experiment.lock(id);
        found.ifPresent(experiment -> {
            if (experiment.state != ExperimentState.RUNNING) {
                throw new ExperimentFinishedException(id, experiment.state);
            }
            experiment.state = ExperimentState.STOPPED;
            experiment.updatedAt = Instant.now();
            announce(experiment, experiment.experimentSpec());
            LOG.infof("Experiment %s stopped: %d proposed, %d in flight", id, experiment.proposed,
                    experiment.inFlight());
        });
        return found.map(ExperimentView::of);
    }

    /**
     * Counts a trial's answer once (a redelivered result finds its processed row and changes nothing), then
     * proposes the next trials or finishes the experiment.
     */
    @Transactional
    public void recordResult(TrialResult result) {
        Experiment experiment = Experiment.lock(result.experimentId())
                .orElseThrow(() -> new UnknownExperimentException(result.experimentId()));
        ProposedTrial proposal = ProposedTrial.findById(result.trialId());
        if (proposal == null || !proposal.experimentId.equals(experiment.id)) {
            throw new IllegalArgumentException("trialId '" + result.trialId() + "' was never proposed: experiment "
                    + experiment.id + " proposed " + experiment.proposed + " trials");
        }
        if (ProcessedTrial.findById(result.trialId()) != null) {
            LOG.debugf("Result of %s already counted", result.trialId());
            return;
        }
        proposal.answered = true;
        boolean duplicate = proposal.duplicateOf != null;
        // A duplicate is not trained again: whatever its result reports, it cost nothing.
        double seconds = duplicate || result.trainingSeconds() == null ? 0.0 : result.trainingSeconds();
        boolean counted = !Boolean.FALSE.equals(result.counted());
        ProcessedTrial processed = new ProcessedTrial();
        processed.trialId = result.trialId();
        processed.experimentId = experiment.id;
        processed.seq = proposal.seq;
        processed.status = result.status();
        processed.duplicate = duplicate;
        processed.counted = counted;
        processed.reward = result.reward();
        processed.accuracy = result.accuracy();
        processed.latencyMs = result.latencyMs();
        processed.trainingSeconds = seconds;
        processed.processedAt = Instant.now();
        processed.persist();

        if (result.status() == TrialStatus.OK) {
            experiment.completed++;
        } else {
            experiment.failed++;
        }
        if (duplicate) {
            experiment.answeredDuplicates++;
        }
        experiment.trainingSeconds += seconds;
        if (counted) {
            experiment.countedTrainingSeconds += seconds;
        }
        experiment.updatedAt = Instant.now();
        if (experiment.state == ExperimentState.RUNNING) {
            ExperimentSpec spec = experiment.experimentSpec();
            proposeWhileRoom(experiment, spec, SearchSpaces.of(spec.space()));
        }
    }

    /**
     * Keeps the newest policy version, its parameters decoded and checked against the experiment's strategy and
     * space (fetched from the object store when they come as a URI); an older or repeated version changes nothing.
     */
    @Transactional
    public void recordPolicy(PolicyPublished policy) {
        Experiment experiment = Experiment.lock(policy.experimentId())
                .orElseThrow(() -> new UnknownExperimentException(policy.experimentId()));
        if (!Strategies.isController(experiment.strategy)) {
            throw new IllegalArgumentException("experimentId '" + experiment.id + "' searches with strategy '"
                    + experiment.strategy + "', which has no policy");
        }
        if (!experiment.strategy.equals(policy.strategy())) {
            throw new IllegalArgumentException("strategy '" + policy.strategy() + "' is not experiment "
                    + experiment.id + "'s strategy '" + experiment.strategy + "'");
        }
        if (policy.version() <= experiment.policyVersion) {
            LOG.debugf("Policy version %d of %s is not newer than %d", policy.version(), experiment.id,
                    (Long) experiment.policyVersion);
            return;
        }
        ExperimentSpec spec = experiment.experimentSpec();
        byte[] parameters = policyParameters.of(policy);
        sampler.accept(experiment, spec, SearchSpaces.of(spec.space()), policy.version(), parameters);
        PolicySnapshot snapshot = PolicySnapshot.<PolicySnapshot>findByIdOptional(experiment.id)
                .orElseGet(PolicySnapshot::new);
        snapshot.experimentId = experiment.id;
        snapshot.version = policy.version();
        snapshot.strategy = policy.strategy();
        snapshot.parameters = parameters;
        snapshot.parametersUri = policy.parametersUri();
        snapshot.receivedAt = Instant.now();
        snapshot.persist();
        experiment.policyVersion = policy.version();
        experiment.updatedAt = Instant.now();
        LOG.infof("Experiment %s: policy version %d (%d bytes)", experiment.id, policy.version(), parameters.length);
    }

    /** Proposes while the budget and {@code maxInFlight} allow, then announces DONE when nothing is left to wait for. */
    private void proposeWhileRoom(Experiment experiment, ExperimentSpec spec, SearchSpace space) {
        CandidateSampler.Round round = null;
        while (experiment.mayPropose()) {
            if (round == null) {
                round = sampler.round(experiment, spec, space);
            }
            long seq = experiment.proposed + 1L;
            propose(experiment, spec, space, seq, round.draw(seq));
        }
        if (experiment.finished()) {
            experiment.state = ExperimentState.DONE;
            experiment.updatedAt = Instant.now();
            announce(experiment, spec);
            LOG.infof("Experiment %s done: %d completed, %d failed, %d duplicates, %.1f training seconds",
                    experiment.id, experiment.completed, experiment.failed, experiment.duplicates,
                    experiment.trainingSeconds);
        }
    }

    /** One proposal: stored (a repeat of an earlier architecture names its first trial), then published. */
    private void propose(Experiment experiment, ExperimentSpec spec, SearchSpace space, long seq,
                         CandidateSampler.Candidate candidate) {
        Draw draw = candidate.draw();
        String architecture = space.canonical(draw.indices());
        String duplicateOf = ProposedTrial.firstOf(experiment.id, architecture).map(first -> first.trialId)
                .orElse(null);
        Instant now = Instant.now();
        ProposedTrial proposed = new ProposedTrial();
        proposed.trialId = TrialIds.of(experiment.id, seq);
        proposed.experimentId = experiment.id;
        proposed.seq = seq;
        proposed.architecture = architecture;
        proposed.indices = ProposedTrial.joined(draw.indices());
        proposed.policyVersion = candidate.policyVersion();
        proposed.logProbability = draw.logProbability();
        proposed.duplicateOf = duplicateOf;
        proposed.proposedAt = now;
        // A repeat is answered from its original without training: any trainer passes it on at once.
        proposed.dispatchPartition = duplicateOf == null ? dispatch.partition().orElse(null) : null;
        proposed.persist();
        experiment.proposed++;
        if (duplicateOf != null) {
            experiment.duplicates++;
        }
        experiment.updatedAt = now;
        Proposal proposal = new Proposal(null, proposed.trialId, experiment.id, seq, architecture, draw.indices(),
                space.spec(), spec.training(), space.spec().resolution(), deviceTypes(spec),
                candidate.policyVersion(), draw.logProbability(), duplicateOf, now, spec.latencyMethod());
        outbox.publish(Topics.PROPOSALS, proposal.trialId(), proposed.dispatchPartition, proposal);
    }

    private void announce(Experiment experiment, ExperimentSpec spec) {
        outbox.publish(Topics.EXPERIMENTS, experiment.id,
                new ExperimentUpdate(null, experiment.id, experiment.state, spec, Instant.now()));
    }

    /** The target device type first, then the reporting ones, each once. */
    private static List<String> deviceTypes(ExperimentSpec spec) {
        Set<String> types = new LinkedHashSet<>();
        types.add(spec.targetDeviceType());
        if (spec.reportDeviceTypes() != null) {
            types.addAll(spec.reportDeviceTypes());
        }
        return List.copyOf(types);
    }

    /** {@code exp-} and a base-36 millisecond time stamp then four random characters: ids sort by creation. */
    private String newId(Instant now) {
        StringBuilder id = new StringBuilder("exp-");
        String time = Long.toString(now.toEpochMilli(), 36);
        id.append("0".repeat(Math.max(0, 9 - time.length()))).append(time);
        for (int i = 0; i < 4; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
