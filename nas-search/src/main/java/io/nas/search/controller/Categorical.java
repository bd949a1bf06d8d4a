package io.nas.search.controller;

import java.util.SplittableRandom;

/**
 * Softmax arithmetic on one decision's logits, shared by the policy networks. StrictMath throughout: the sampler
 * and the reward service may run on different JVMs and hardware, and must agree bit for bit.
 */
final class Categorical {

    private Categorical() {
    }

    /** Writes {@code log softmax(logits[from, from + n))} into {@code out[0, n)}, stably. */
    static void logSoftmax(double[] logits, int from, int n, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, logits[from + k]);
        }
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            sum += StrictMath.exp(logits[from + k] - max);
        }
        double logSum = max + StrictMath.log(sum);
        for (int k = 0; k < n; k++) {
            out[k] = logits[from + k] - logSum;
        }
    }

    static double entropy(double[] logProbabilities, int n) {
        double entropy = 0.0;
        for (int k = 0; k < n; k++) {
            entropy -= StrictMath.exp(logProbabilities[k]) * logProbabilities[k];
        }
        return entropy;
    }

    /** Inverse-CDF draw with one uniform number per decision; the last option takes any rounding remainder. */
    static int sample(double[] logProbabilities, int n, SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0.0;
        for (int k = 0; k < n - 1; k++) {
            cumulative += StrictMath.exp(logProbabilities[k]);
            if (u < cumulative) {
                return k;
            }
        }
        return n - 1;
    }

    /**
     * The gradient with respect to the logits of {@code weight * log p(choice) + entropyWeight * H(p)}:
     * {@code weight * (onehot - p) - entropyWeight * p * (log p + H)}.
     */
    static void objectiveGradient(double[] logProbabilities, int n, int choice, double weight, double entropyWeight,
                                  double[] out) {
        double entropy = entropy(logProbabilities, n);
        for (int k = 0; k < n; k++) {
            double p = StrictMath.exp(logProbabilities[k]);
            out[k] = weight * ((k == choice ? 1.0 : 0.0) - p) - entropyWeight * p * (logProbabilities[k] + entropy);
        }
    }
}
