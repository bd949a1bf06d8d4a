package io.nas.search.reward;

import java.util.Locale;

/**
 * MnasNet's multi-objective reward {@code R = ACC * (LAT / T)^w}, {@code w = alpha} if {@code LAT <= T} else
 * {@code beta}. Soft constraint: alpha = beta = -0.07 (every 2x of latency costs about 5% of reward); hard: alpha = 0,
 * beta = -1 (no credit for being faster than the target, a steep penalty for being slower).
 */
public record MnasReward(double targetLatencyMs, double alpha, double beta) implements RewardFunction {

    public static final String SOFT = "soft";
    public static final String HARD = "hard";
    public static final double SOFT_EXPONENT = -0.07;

    public MnasReward {
        RewardInputs.requirePositive(targetLatencyMs, "targetLatencyMs");
        RewardInputs.requireFinite(alpha, "alpha");
        RewardInputs.requireFinite(beta, "beta");
    }

    public static MnasReward soft(double targetLatencyMs) {
        return new MnasReward(targetLatencyMs, SOFT_EXPONENT, SOFT_EXPONENT);
    }

    public static MnasReward hard(double targetLatencyMs) {
        return new MnasReward(targetLatencyMs, 0.0, -1.0);
    }

    /**
     * The reward an experiment asks for: {@code constraint} {@code soft} or {@code hard} gives the exponents, an
     * explicit {@code alpha} or {@code beta} overrides its one.
     */
    public static MnasReward of(String constraint, double targetLatencyMs, Double alpha, Double beta) {
        MnasReward base = switch (constraint == null ? SOFT : constraint.toLowerCase(Locale.ROOT)) {
            case SOFT -> soft(targetLatencyMs);
            case HARD -> hard(targetLatencyMs);
            default -> throw new IllegalArgumentException("constraint must be " + SOFT + " or " + HARD + ", was '"
                    + constraint + "'");
        };
        return new MnasReward(targetLatencyMs, alpha != null ? alpha : base.alpha, beta != null ? beta : base.beta);
    }

    public double reward(double accuracy, double latencyMs) {
        RewardInputs.requireAccuracy(accuracy);
        RewardInputs.requirePositive(latencyMs, "latencyMs");
        double exponent = latencyMs <= targetLatencyMs ? alpha : beta;
        return accuracy * StrictMath.pow(latencyMs / targetLatencyMs, exponent);
    }

    /** Training time and parameters do not enter MnasNet's reward. */
    @Override
    public double reward(double accuracy, double latencyMs, double trainingSeconds, long params) {
        return reward(accuracy, latencyMs);
    }
}
