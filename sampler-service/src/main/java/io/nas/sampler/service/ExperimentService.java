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
import io.nas.sampler.domain.ProcessedTrial;
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
 * The search loop of one experiment: keep up to {@code maxInFlight} trials proposed until {@code maxTrials} were
 * proposed, count every answer once, and finish when every trial has answered. Failed and refused trials spend
 * their share of the budget like completed ones. Proposals come from the uniform prior (policy version 0) until
 * the search strategies take over in a later issue; published policy versions are recorded for them meanwhile.
 */
@ApplicationScoped
public class ExperimentService {

    private static final Logger LOG = Logger.getLogger(ExperimentService.class);
    private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final Outbox outbox;
    private final SecureRandom random = new SecureRandom();

    public ExperimentService(Outbox outbox) {
        this.outbox = outbox;
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
        experiment.maxTrials = spec.maxTrials();
        experiment.maxInFlight = spec.maxInFlight();
        experiment.seed = spec.seed();
        experiment.createdAt = now;
        experiment.updatedAt = now;
        experiment.persist();
        announce(experiment, spec);
        proposeWhileRoom(experiment, spec, admitted.space());
        LOG.infof("Experiment %s created: %d trials on %s, %d in flight", experiment.id, experiment.maxTrials,
                spec.space().preset(), experiment.maxInFlight);
        return ExperimentView.of(experiment);
    }

    public Optional<ExperimentView> find(String id) {
        return Experiment.<Experiment>findByIdOptional(id).map(ExperimentView::of);
    }

    /**
     * Counts a trial's answer once (a redelivered result finds its processed row and changes nothing), then
     * proposes the next trial or finishes the experiment.
     */
    @Transactional
    public void recordResult(TrialResult result) {
        Experiment experiment = Experiment.lock(result.experimentId())
                .orElseThrow(() -> new UnknownExperimentException(result.experimentId()));
        long seq = TrialIds.seq(result.trialId(), result.experimentId());
        if (seq > experiment.proposed) {
            throw new IllegalArgumentException("trialId '" + result.trialId() + "' was never proposed: experiment "
                    + experiment.id + " proposed " + experiment.proposed + " trials");
        }
        if (ProcessedTrial.findById(result.trialId()) != null) {
            LOG.debugf("Result of %s already counted", result.trialId());
            return;
        }
        ProcessedTrial.of(result.trialId(), experiment.id, result.status()).persist();
        if (result.status() == TrialStatus.OK) {
            experiment.completed++;
        } else {
            experiment.failed++;
        }
        experiment.updatedAt = Instant.now();
        if (experiment.state != ExperimentState.RUNNING) {
            return;
        }
        ExperimentSpec spec = experiment.experimentSpec();
        if (experiment.answered() >= experiment.maxTrials) {
            experiment.state = ExperimentState.DONE;
            announce(experiment, spec);
            LOG.infof("Experiment %s done: %d completed, %d failed", experiment.id, experiment.completed,
                    experiment.failed);
        } else {
            proposeWhileRoom(experiment, spec, SearchSpaces.of(spec.space()));
        }
    }

    /** Keeps the newest policy version; an older or repeated version changes nothing. */
    @Transactional
    public void recordPolicy(PolicyPublished policy) {
        Experiment experiment = Experiment.lock(policy.experimentId())
                .orElseThrow(() -> new UnknownExperimentException(policy.experimentId()));
        if (policy.version() <= experiment.policyVersion) {
            return;
        }
        experiment.policyVersion = policy.version();
        experiment.policyStrategy = policy.strategy();
        experiment.policyParameters = policy.parametersBase64();
        experiment.policyParametersUri = policy.parametersUri();
        experiment.updatedAt = Instant.now();
    }

    private void proposeWhileRoom(Experiment experiment, ExperimentSpec spec, SearchSpace space) {
        while (experiment.proposed < experiment.maxTrials && experiment.inFlight() < experiment.maxInFlight) {
            long seq = ++experiment.proposed;
            UniformSampler.Draw draw = UniformSampler.draw(space, experiment.seed, seq);
            Proposal proposal = new Proposal(null, TrialIds.of(experiment.id, seq), experiment.id, seq,
                    space.canonical(draw.indices()), draw.indices(), space.spec(), spec.training(),
                    space.spec().resolution(), deviceTypes(spec), 0L, draw.logProbability(), null, Instant.now(),
                    spec.latencyMethod());
            outbox.publish(Topics.PROPOSALS, proposal.trialId(), proposal);
        }
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
