package io.nas.search.controller;

import io.nas.search.Draw;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/** Independent logits per decision, one softmax each: the policy REINFORCE trains. */
final class SoftmaxPolicyNetwork implements PolicyNetwork {

    private final int[] optionCounts;
    private final int[] offsets;
    private final int parameterCount;
    private final int maxOptions;

    SoftmaxPolicyNetwork(int[] optionCounts) {
        this.optionCounts = optionCounts.clone();
        this.offsets = new int[optionCounts.length];
        int offset = 0;
        int max = 0;
        for (int d = 0; d < optionCounts.length; d++) {
            offsets[d] = offset;
            offset += optionCounts[d];
            max = Math.max(max, optionCounts[d]);
        }
        this.parameterCount = offset;
        this.maxOptions = max;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    /** All zeros, the uniform prior: REINFORCE starts exactly where random search is, so the seed is not needed. */
    @Override
    public double[] initialParameters(long seed) {
        return new double[parameterCount];
    }

    @Override
    public Draw sample(double[] parameters, SplittableRandom random) {
        double[] logProbabilities = new double[maxOptions];
        List<Integer> indices = new ArrayList<>(optionCounts.length);
        double logProbability = 0.0;
        for (int d = 0; d < optionCounts.length; d++) {
            Categorical.logSoftmax(parameters, offsets[d], optionCounts[d], logProbabilities);
            int choice = Categorical.sample(logProbabilities, optionCounts[d], random);
            indices.add(choice);
            logProbability += logProbabilities[choice];
        }
        return new Draw(indices, logProbability);
    }

    @Override
    public Pass evaluate(double[] parameters, List<Integer> indices) {
        return addGradient(parameters, indices, logp -> 0.0, 0.0, null);
    }

    @Override
    public Pass addGradient(double[] parameters, List<Integer> indices, DoubleUnaryOperator logProbabilityWeight,
                            double entropyWeight, double[] gradient) {
        double[][] logProbabilities = new double[optionCounts.length][];
        double logProbability = 0.0;
        double entropy = 0.0;
        for (int d = 0; d < optionCounts.length; d++) {
            logProbabilities[d] = new double[optionCounts[d]];
            Categorical.logSoftmax(parameters, offsets[d], optionCounts[d], logProbabilities[d]);
            logProbability += logProbabilities[d][indices.get(d)];
            entropy += Categorical.entropy(logProbabilities[d], optionCounts[d]);
        }
        if (gradient != null) {
            double weight = logProbabilityWeight.applyAsDouble(logProbability);
            double[] logitGradient = new double[maxOptions];
            for (int d = 0; d < optionCounts.length; d++) {
                Categorical.objectiveGradient(logProbabilities[d], optionCounts[d], indices.get(d), weight,
                        entropyWeight, logitGradient);
                for (int k = 0; k < optionCounts[d]; k++) {
                    gradient[offsets[d] + k] += logitGradient[k];
                }
            }
        }
        return new Pass(logProbability, entropy);
    }
}
