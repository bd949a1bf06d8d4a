package io.nas.search.controller;

import io.nas.search.Observation;
import io.nas.search.ReinforceSettings;
import io.nas.search.Strategies;

/**
 * REINFORCE (Williams 1992) on independent logits per decision: one Adam step per batch on
 * {@code mean(advantage * log p(x)) + entropyWeight * entropy}. Every observation counts as on-policy: the recorded
 * log-probability is not used, as in the controllers of Zoph and Le.
 */
public final class ReinforceController extends PolicyGradientController {

    public ReinforceController(ReinforceSettings settings) {
        super(Strategies.REINFORCE, settings.batchSize(), settings.learningRate(), settings.baselineDecay(),
                settings.entropyWeight());
    }

    @Override
    int hiddenSize() {
        return 0;
    }

    @Override
    PolicyNetwork network(PolicyShape shape) {
        return new SoftmaxPolicyNetwork(shape.optionCountArray());
    }

    @Override
    int passes() {
        return 1;
    }

    @Override
    double maxGradientNorm() {
        return 0.0;
    }

    @Override
    double logProbabilityWeight(Observation observation, double advantage, double newLogProbability) {
        return advantage;
    }
}
