package io.nas.search.controller;

import io.nas.search.Draw;

import java.util.List;
import java.util.SplittableRandom;

/** A policy network with fixed parameters, as the sampler holds it between two policy versions. */
final class NetworkPolicy implements Policy {

    private final PolicyShape shape;
    private final PolicyNetwork network;
    private final double[] parameters;

    NetworkPolicy(PolicyShape shape, PolicyNetwork network, double[] parameters) {
        this.shape = shape;
        this.network = network;
        this.parameters = parameters.clone();
    }

    @Override
    public Draw sample(SplittableRandom random) {
        return network.sample(parameters, random);
    }

    @Override
    public double logProbability(List<Integer> indices) {
        shape.requireIndices(indices, "a " + shape.strategy() + " candidate");
        return network.evaluate(parameters, indices).logProbability();
    }
}
