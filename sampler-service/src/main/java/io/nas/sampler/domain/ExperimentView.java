package io.nas.sampler.domain;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;
import io.nas.search.reward.MnasReward;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code GET /experiments/{id}} answers: state, trial counts, the budget used against its limits, the best
 * trial so far, the policy version proposals are drawn from, and the spec.
 */
public record ExperimentView(
        String id,
        String name,
        ExperimentState state,
        String strategy,
        int proposed,
        int completed,
        int failed,
        int inFlight,
        int duplicates,
        Budget budget,
        BestTrial best,
        long policyVersion,
        ExperimentSpec spec,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The budget used and its limits: {@code trials} proposed (duplicates included) against {@code maxTrials};
     * {@code trainingSeconds} of the counted results against {@code maxTrainingSeconds}; and
     * {@code estimatedTrainingSeconds}, the seconds of every result received plus the in-flight trials at the mean so
     * far, which is what the sampler stops proposing at.
     */
    public record Budget(
            int trials,
            Integer maxTrials,
            double trainingSeconds,
            Double maxTrainingSeconds,
            double estimatedTrainingSeconds,
            int maxInFlight) {
    }

    /**
     * The counted OK trial with the highest reward; with a hard latency constraint, among those within the target
     * when any is ({@code withinTarget} says which it is).
     */
    public record BestTrial(
            String trialId,
            long seq,
            String architecture,
            double reward,
            Double accuracy,
            Double latencyMs,
            Boolean withinTarget) {
    }

    public static ExperimentView of(Experiment experiment) {
        ExperimentSpec spec = experiment.experimentSpec();
        Budget budget = new Budget(experiment.proposed, experiment.maxTrials, experiment.countedTrainingSeconds,
                experiment.maxTrainingSeconds, experiment.estimatedTrainingSeconds(), experiment.maxInFlight);
        return new ExperimentView(experiment.id, experiment.name, experiment.state, experiment.strategy,
                experiment.proposed, experiment.completed, experiment.failed, experiment.inFlight(),
                experiment.duplicates, budget, best(experiment.id, spec).orElse(null), experiment.policyVersion, spec,
                experiment.createdAt, experiment.updatedAt);
    }

    private static Optional<BestTrial> best(String experimentId, ExperimentSpec spec) {
        Double target = spec.targetLatencyMs();
        boolean hard = MnasReward.HARD.equals(spec.constraint()) && target != null;
        Optional<ProcessedTrial> best = hard ? ProcessedTrial.best(experimentId, target) : Optional.empty();
        if (best.isEmpty()) {
            best = ProcessedTrial.best(experimentId, null);
        }
        return best.map(trial -> new BestTrial(trial.trialId, trial.seq,
                ProposedTrial.<ProposedTrial>findByIdOptional(trial.trialId).map(p -> p.architecture).orElse(null),
                trial.reward, trial.accuracy, trial.latencyMs,
                target == null || trial.latencyMs == null ? null : trial.latencyMs <= target));
    }
}
