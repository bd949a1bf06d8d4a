package io.nas.reward.service;

import io.nas.contract.Topics;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.PolicyPublished;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import io.nas.outbox.Outbox;
import io.nas.reward.domain.PolicyVersionRecord;
import io.nas.reward.domain.RewardExperiment;
import io.nas.reward.domain.TrialJoin;
import io.nas.search.Observation;
import io.nas.search.Strategies;
import io.nas.search.controller.ControllerState;
import io.nas.search.controller.PolicyController;
import io.nas.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Updates a policy-gradient controller ({@code ppo}, {@code reinforce}) once a whole batch of trials has closed:
 * batch n holds the trials of seq {@code (n-1)*B+1 .. n*B}, so batches are the same whatever order results arrive in,
 * and version n is published after batch n. The caller holds the experiment's lock, so versions rise without gaps.
 * Version 0 is never published: it is the controller's initial state, which the sampler derives from the seed.
 */
@ApplicationScoped
public class PolicyUpdater {

    private static final Logger LOG = Logger.getLogger(PolicyUpdater.class);

    private final Outbox outbox;
    private final ObjectStore store;

    public PolicyUpdater(Outbox outbox, ObjectStore store) {
        this.outbox = outbox;
        this.store = store;
    }

    /** Learns from every batch that is complete now, publishing one version per batch. */
    public void learn(RewardExperiment experiment) {
        ExperimentSpec spec = experiment.experimentSpec();
        if (spec.strategy() == null || !Strategies.isController(spec.strategy())) {
            return;
        }
        PolicyController controller = Strategies.controller(spec.strategy(), spec.strategySettings());
        SearchSpace space = SearchSpaces.of(spec.space());
        int batchSize = controller.batchSize();
        ControllerState state = null;
        while (true) {
            long first = experiment.policyVersion * batchSize + 1;
            long last = first + batchSize - 1;
            List<TrialJoin> batch = TrialJoin.closedBetween(experiment.id, first, last);
            if (batch.size() < batchSize) {
                break;
            }
            if (state == null) {
                state = experiment.controllerState == null ? controller.initial(space, spec.seed())
                        : controller.state(experiment.controllerState);
            }
            List<Observation> observations = batch.stream()
                    .map(trial -> new Observation(trial.seq, trial.indices(), trial.logProbability, trial.reward))
                    .toList();
            state = controller.update(state, observations);
            experiment.policyVersion++;
            experiment.controllerState = state.toBytes();
            experiment.updatedAt = Instant.now();
            publish(experiment, spec.strategy(), state.weights(), first, last,
                    observations.stream().mapToDouble(Observation::reward).average().orElseThrow());
        }
    }

    private void publish(RewardExperiment experiment, String strategy, byte[] weights, long first, long last,
                         double meanReward) {
        long version = experiment.policyVersion;
        String inline = null;
        String uri = null;
        if (weights.length <= PolicyPublished.MAX_INLINE_BYTES) {
            inline = Base64.getEncoder().encodeToString(weights);
        } else {
            String key = "experiments/" + experiment.id + "/policy/v" + version + ".bin";
            try {
                uri = store.put(key, weights, "application/octet-stream");
            } catch (Exception e) {
                // Rolls the update back with the trial's close: the record is retried, the version stays gapless.
                throw new IllegalStateException("could not store policy version " + version + " at " + key, e);
            }
        }
        Instant now = Instant.now();
        outbox.publish(Topics.POLICY, experiment.id,
                new PolicyPublished(null, experiment.id, strategy, version, inline, uri, now));
        PolicyVersionRecord record = new PolicyVersionRecord();
        record.experimentId = experiment.id;
        record.version = version;
        record.strategy = strategy;
        record.firstSeq = first;
        record.lastSeq = last;
        record.meanReward = meanReward;
        record.parametersUri = uri;
        record.parameterBytes = weights.length;
        record.publishedAt = now;
        record.persist();
        LOG.infof("Experiment %s: policy version %d from trials %d..%d, mean reward %.4f", experiment.id, version,
                first, last, meanReward);
    }
}
