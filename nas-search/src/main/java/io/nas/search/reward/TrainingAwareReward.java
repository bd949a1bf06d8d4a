package io.nas.search.reward;

/**
 * EfficientNetV2's training-aware reward {@code A * S^w * P^v}: S is the training time relative to
 * {@code referenceTrainingSeconds}, P the parameter count relative to {@code referenceParams}; by default
 * {@code w = -0.07} and {@code v = -0.05} (Tan and Le 2021). Latency does not enter it.
 */
public record TrainingAwareReward(double referenceTrainingSeconds, double referenceParams, double w, double v)
        implements RewardFunction {

    public static final double DEFAULT_W = -0.07;
    public static final double DEFAULT_V = -0.05;

    public TrainingAwareReward {
        RewardInputs.requirePositive(referenceTrainingSeconds, "referenceTrainingSeconds");
        RewardInputs.requirePositive(referenceParams, "referenceParams");
        RewardInputs.requireFinite(w, "w");
        RewardInputs.requireFinite(v, "v");
    }

    /** The paper's exponents, relative to a reference network's training time and size. */
    public static TrainingAwareReward of(double referenceTrainingSeconds, double referenceParams) {
        return new TrainingAwareReward(referenceTrainingSeconds, referenceParams, DEFAULT_W, DEFAULT_V);
    }

    @Override
    public double reward(double accuracy, double latencyMs, double trainingSeconds, long params) {
        RewardInputs.requireAccuracy(accuracy);
        RewardInputs.requirePositive(trainingSeconds, "trainingSeconds");
        RewardInputs.requirePositive(params, "params");
        return accuracy * StrictMath.pow(trainingSeconds / referenceTrainingSeconds, w)
                * StrictMath.pow(params / referenceParams, v);
    }
}
