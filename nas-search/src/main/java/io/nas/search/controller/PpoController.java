package io.nas.search.controller;

import io.nas.search.Observation;
import io.nas.search.PpoSettings;
import io.nas.search.Strategies;

/**
 * MnasNet's controller: an {@link LstmPolicyNetwork} trained with PPO's clipped surrogate (Schulman et al. 2017),
 * {@code epochs} full-batch Adam steps per batch on
 * {@code mean(min(r * A, clip(r, 1 - clip, 1 + clip) * A)) + entropyWeight * entropy}, where
 * {@code r = exp(log p_new(x) - log p_recorded(x))} uses the log-probability recorded when the candidate was
 * sampled, so a result that comes back after newer policy versions is still weighted by its exact ratio.
 */
public final class PpoController extends PolicyGradientController {

    /** Beyond e^30 the ratio would overflow; gradient clipping bounds such a step anyway. */
    private static final double MAX_LOG_RATIO = 30.0;

    private final PpoSettings settings;

    public PpoController(PpoSettings settings) {
        super(Strategies.PPO, settings.batchSize(), settings.learningRate(), settings.baselineDecay(),
                settings.entropyWeight());
        this.settings = settings;
    }

    @Override
    int hiddenSize() {
        return settings.hiddenSize();
    }

    @Override
    PolicyNetwork network(PolicyShape shape) {
        return new LstmPolicyNetwork(shape.hiddenSize(), shape.optionCountArray());
    }

    @Override
    int passes() {
        return settings.epochs();
    }

    @Override
    double maxGradientNorm() {
        return settings.maxGradientNorm();
    }

    @Override
    void requireUsable(Observation observation) {
        double logp = observation.logProbability();
        if (!(logp <= 0.0) || Double.isInfinite(logp)) {
            throw new IllegalArgumentException("observation " + observation.seq()
                    + " logProbability must be finite and <= 0 for PPO's ratio, was " + logp);
        }
    }

    /**
     * The derivative of the clipped surrogate by {@code log p_new}: {@code r * A} where the unclipped term is the
     * minimum, 0 where the clipped (constant) term is.
     */
    @Override
    double logProbabilityWeight(Observation observation, double advantage, double newLogProbability) {
        double ratio = StrictMath.exp(Math.min(newLogProbability - observation.logProbability(), MAX_LOG_RATIO));
        double clipped = Math.max(1.0 - settings.clip(), Math.min(1.0 + settings.clip(), ratio));
        return ratio * advantage <= clipped * advantage ? ratio * advantage : 0.0;
    }
}
