package io.nas.search.controller;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Backpropagation against central finite differences of {@code w * log p(x) + entropyWeight * entropy}. */
class GradientCheckTest {

    private static final double STEP = 1e-5;

    /** Relative error {@code |numeric - analytic| / (|numeric| + |analytic|)} over the whole gradient vector. */
    private static double relativeError(PolicyNetwork network, double[] parameters, List<Integer> indices,
                                        double weight, double entropyWeight) {
        double[] analytic = new double[parameters.length];
        network.addGradient(parameters, indices, logp -> weight, entropyWeight, analytic);
        double differenceSquared = 0.0;
        double numericSquared = 0.0;
        double analyticSquared = 0.0;
        for (int p = 0; p < parameters.length; p++) {
            double[] up = parameters.clone();
            double[] down = parameters.clone();
            up[p] += STEP;
            down[p] -= STEP;
            double numeric = (objective(network, up, indices, weight, entropyWeight)
                    - objective(network, down, indices, weight, entropyWeight)) / (2 * STEP);
            differenceSquared += (numeric - analytic[p]) * (numeric - analytic[p]);
            numericSquared += numeric * numeric;
            analyticSquared += analytic[p] * analytic[p];
        }
        assertThat(Math.sqrt(analyticSquared)).as("a gradient worth checking").isGreaterThan(0.1);
        return Math.sqrt(differenceSquared) / (Math.sqrt(numericSquared) + Math.sqrt(analyticSquared));
    }

    private static double objective(PolicyNetwork network, double[] parameters, List<Integer> indices,
                                    double weight, double entropyWeight) {
        PolicyNetwork.Pass pass = network.evaluate(parameters, indices);
        return weight * pass.logProbability() + entropyWeight * pass.entropy();
    }

    /** Larger than the initialisation, so that gates saturate somewhat and every term matters. */
    private static double[] randomParameters(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] parameters = new double[count];
        for (int p = 0; p < count; p++) {
            parameters[p] = random.nextDouble(-1.0, 1.0);
        }
        return parameters;
    }

    @Test
    void lstmLogProbabilityGradientMatchesFiniteDifferences() {
        LstmPolicyNetwork network = new LstmPolicyNetwork(3, new int[] {3, 2, 4, 1});
        double[] parameters = randomParameters(network.parameterCount(), 7);

        double error = relativeError(network, parameters, List.of(2, 0, 3, 0), 1.0, 0.0);

        assertThat(error).isLessThan(1e-5);
    }

    @Test
    void lstmGradientWithEntropyBonusMatchesFiniteDifferences() {
        LstmPolicyNetwork network = new LstmPolicyNetwork(4, new int[] {2, 5, 3});
        double[] parameters = randomParameters(network.parameterCount(), 11);

        double error = relativeError(network, parameters, List.of(1, 4, 0), -0.7, 0.3);

        assertThat(error).isLessThan(1e-5);
    }

    @Test
    void softmaxLogitGradientMatchesFiniteDifferences() {
        SoftmaxPolicyNetwork network = new SoftmaxPolicyNetwork(new int[] {3, 2, 5});
        double[] parameters = randomParameters(network.parameterCount(), 3);

        assertThat(relativeError(network, parameters, List.of(0, 1, 4), 1.0, 0.0)).isLessThan(1e-5);
        assertThat(relativeError(network, parameters, List.of(2, 0, 1), 0.4, 0.25)).isLessThan(1e-5);
    }

    @Test
    void sampledLogProbabilityIsWhatEvaluationGives() {
        LstmPolicyNetwork network = new LstmPolicyNetwork(5, new int[] {4, 2, 3, 3});
        double[] parameters = randomParameters(network.parameterCount(), 5);

        for (int i = 0; i < 20; i++) {
            var draw = network.sample(parameters, new SplittableRandom(i));
            assertThat(network.evaluate(parameters, draw.indices()).logProbability())
                    .isEqualTo(draw.logProbability());
        }
    }
}
