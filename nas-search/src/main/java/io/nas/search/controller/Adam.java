package io.nas.search.controller;

/** Adam (Kingma and Ba, 2015) with the paper's defaults, as gradient ascent on the controller's objective. */
final class Adam {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private Adam() {
    }

    /** One ascent step in place; {@code step} counts from 1. */
    static void ascend(double[] parameters, double[] firstMoment, double[] secondMoment, double[] gradient,
                       long step, double learningRate) {
        double firstCorrection = 1.0 - StrictMath.pow(BETA1, step);
        double secondCorrection = 1.0 - StrictMath.pow(BETA2, step);
        for (int p = 0; p < parameters.length; p++) {
            double g = gradient[p];
            firstMoment[p] = BETA1 * firstMoment[p] + (1.0 - BETA1) * g;
            secondMoment[p] = BETA2 * secondMoment[p] + (1.0 - BETA2) * g * g;
            double first = firstMoment[p] / firstCorrection;
            double second = secondMoment[p] / secondCorrection;
            parameters[p] += learningRate * first / (Math.sqrt(second) + EPSILON);
        }
    }

    /** Scales the gradient down to {@code maxNorm} (L2) when it is longer; 0 turns clipping off. */
    static void clipNorm(double[] gradient, double maxNorm) {
        if (maxNorm <= 0.0) {
            return;
        }
        double sum = 0.0;
        for (double g : gradient) {
            sum += g * g;
        }
        double norm = Math.sqrt(sum);
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (int p = 0; p < gradient.length; p++) {
                gradient[p] *= scale;
            }
        }
    }
}
