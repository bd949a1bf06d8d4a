package io.nas.reward.service;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.RewardSpec;
import io.nas.search.reward.MnasReward;
import io.nas.search.reward.RewardFunction;
import io.nas.search.reward.TrainingAwareReward;

/** The reward an experiment's spec asks for (the sampler refused specs that do not name one completely). */
final class RewardRule {

    private RewardRule() {
    }

    static RewardFunction of(ExperimentSpec spec) {
        RewardSpec reward = spec.reward() == null ? RewardSpec.mnas() : spec.reward();
        if (RewardSpec.TRAINING_AWARE.equals(reward.function())) {
            return new TrainingAwareReward(reward.referenceTrainingSeconds(), reward.referenceParams(),
                    reward.trainingExponent() == null ? TrainingAwareReward.DEFAULT_W : reward.trainingExponent(),
                    reward.paramsExponent() == null ? TrainingAwareReward.DEFAULT_V : reward.paramsExponent());
        }
        return MnasReward.of(spec.constraint(), spec.targetLatencyMs(), spec.alpha(), spec.beta());
    }

    /** What a failed or refused trial earns. */
    static double failed(ExperimentSpec spec) {
        return spec.reward() == null || spec.reward().failedReward() == null ? 0.0 : spec.reward().failedReward();
    }
}
