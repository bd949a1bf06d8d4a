package io.nas.search.controller;

import io.nas.search.Draw;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A policy's arithmetic over a flat parameter vector, so that optimizer, serialization and updates treat every
 * network alike.
 */
interface PolicyNetwork {

    /** What one forward pass over a candidate found: its log-probability and the summed entropy of its steps. */
    record Pass(double logProbability, double entropy) {
    }

    int parameterCount();

    double[] initialParameters(long seed);

    Draw sample(double[] parameters, SplittableRandom random);

    Pass evaluate(double[] parameters, List<Integer> indices);

    /**
     * Adds to {@code gradient} the gradient of {@code w * log p(indices) + entropyWeight * entropy}, where
     * {@code w = logProbabilityWeight(log p)} is computed from this forward pass (PPO's weight depends on it).
     */
    Pass addGradient(double[] parameters, List<Integer> indices, DoubleUnaryOperator logProbabilityWeight,
                     double entropyWeight, double[] gradient);
}
