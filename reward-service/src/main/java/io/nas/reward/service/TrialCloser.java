package io.nas.reward.service;

import io.nas.contract.Topics;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.TrialStatus;
import io.nas.outbox.Outbox;
import io.nas.reward.domain.LatencyMeasurement;
import io.nas.reward.domain.RewardExperiment;
import io.nas.reward.domain.TrialJoin;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * Closes a trial once everything it waits for is there: the proposal, and either the trainer's accuracy and the
 * target device's latency or, for a duplicate, the result of the trial it repeats. Closing computes the reward,
 * the budget and the Pareto flag, writes the result to the outbox in the same transaction, and lets the policy learn
 * from any batch that is now complete. Callers hold the experiment's lock, then the trial's.
 */
@ApplicationScoped
public class TrialCloser {

    private static final Logger LOG = Logger.getLogger(TrialCloser.class);

    private final Outbox outbox;
    private final ParetoFronts fronts;
    private final PolicyUpdater policies;

    public TrialCloser(Outbox outbox, ParetoFronts fronts, PolicyUpdater policies) {
        this.outbox = outbox;
        this.fronts = fronts;
        this.policies = policies;
    }

    /** Closes the trial if it is ready; answers whether it is closed now. */
    public boolean closeIfReady(RewardExperiment experiment, TrialJoin trial) {
        if (trial.isClosed()) {
            return true;
        }
        if (!trial.hasProposal()) {
            return false;
        }
        if (trial.duplicateOf != null) {
            TrialJoin original = TrialJoin.findById(trial.duplicateOf);
            if (original == null || !original.isClosed()) {
                return false;
            }
            trial.takeOriginal(original);
            boolean onFront = original.status == TrialStatus.OK
                    && fronts.contains(experiment.id, original.deviceType, original.trialId);
            // Counts toward the trial budget and the policy's batch, costs no training time.
            close(experiment, trial, original.status, original.reason, original.reward, true, onFront);
            return true;
        }
        if (!trial.hasAccuracy()) {
            return false;
        }
        Optional<LatencyMeasurement.Half> latency = LatencyMeasurement.find(trial.trialId, trial.targetDeviceType);
        if (latency.isEmpty()) {
            return false;
        }
        trial.takeLatency(trial.targetDeviceType, latency.get());
        score(experiment, trial, trial.halvesStatus(), trial.halvesReason());
        return true;
    }

    /** Closes a trial that waited too long as FAILED, saying what never came. */
    public void closeTimedOut(RewardExperiment experiment, TrialJoin trial, String reason) {
        if (trial.hasProposal() && trial.duplicateOf == null) {
            LatencyMeasurement.find(trial.trialId, trial.targetDeviceType)
                    .ifPresent(half -> trial.takeLatency(trial.targetDeviceType, half));
        }
        LOG.warnf("Trial %s closed as FAILED: %s", trial.trialId, reason);
        score(experiment, trial, TrialStatus.FAILED, reason);
    }

    /** A latency half that arrives after its trial closed still adds the trial to that device's front. */
    public void lateLatency(RewardExperiment experiment, TrialJoin trial, String deviceType, double latencyMs) {
        if (trial.status == TrialStatus.OK && !deviceType.equals(trial.deviceType)) {
            fronts.offer(experiment.id, deviceType, trial.trialId, trial.accuracy, latencyMs);
        }
    }

    private void score(RewardExperiment experiment, TrialJoin trial, TrialStatus status, String reason)
            {
        ExperimentSpec spec = experiment.experimentSpec();
        double trainingSeconds = trial.trainingSeconds == null ? 0.0 : trial.trainingSeconds;
        experiment.trainingSecondsUsed += trainingSeconds;
        // The NAS-Bench-201 protocol: a trial whose training pushes the sum over the cap is reported, not counted.
        boolean counted = spec.maxTrainingSeconds() == null || experiment.trainingSecondsUsed <= spec.maxTrainingSeconds();
        double reward = RewardRule.failed(spec);
        boolean onFront = false;
        if (status == TrialStatus.OK) {
            reward = RewardRule.of(spec).reward(trial.accuracy, trial.latencyMs, trainingSeconds,
                    trial.params == null ? 0L : trial.params);
            for (Map.Entry<String, Double> latency : LatencyMeasurement.measured(trial.trialId).entrySet()) {
                boolean added = fronts.offer(experiment.id, latency.getKey(), trial.trialId, trial.accuracy,
                        latency.getValue());
                if (latency.getKey().equals(trial.deviceType)) {
                    onFront = added;
                }
            }
        }
        close(experiment, trial, status, reason, reward, counted, onFront);
    }

    private void close(RewardExperiment experiment, TrialJoin trial, TrialStatus status, String reason,
                       double reward, boolean counted, boolean onFront) {
        trial.close(status, reason, reward, counted, onFront);
        outbox.publish(Topics.RESULTS, trial.trialId, trial.toResult());
        LOG.debugf("Trial %s closed %s, reward %.4f", trial.trialId, status, reward);
        policies.learn(experiment);
        for (TrialJoin duplicate : TrialJoin.openDuplicatesOf(trial.trialId)) {
            closeIfReady(experiment, TrialJoin.lock(duplicate.trialId, experiment.id));
        }
    }
}
