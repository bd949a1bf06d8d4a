package io.nas.contract.event;

/**
 * How an experiment rewards its trials. {@code mnas} (the default): MnasNet's {@code ACC x (LAT / T)^w} with the
 * experiment's target latency and constraint. {@code training-aware}: EfficientNetV2's {@code A x S^w x P^v} with
 * {@code S} the training seconds over {@code referenceTrainingSeconds}, {@code P} the parameters over
 * {@code referenceParams}, {@code w = trainingExponent} (default -0.07) and {@code v = paramsExponent} (default
 * -0.05). A failed or refused trial gets {@code failedReward} (default 0), the floor a policy learns to avoid.
 */
public record RewardSpec(
        String function,
        Double failedReward,
        Double referenceTrainingSeconds,
        Long referenceParams,
        Double trainingExponent,
        Double paramsExponent) {

    public static final String MNAS = "mnas";
    public static final String TRAINING_AWARE = "training-aware";

    /** MnasNet's reward with a failed trial at 0. */
    public static RewardSpec mnas() {
        return new RewardSpec(MNAS, 0.0, null, null, null, null);
    }
}
