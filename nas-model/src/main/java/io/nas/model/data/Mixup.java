package io.nas.model.data;

import java.util.Random;

/**
 * mixup (Zhang et al. 2018) within a batch: one {@code lambda ~ Beta(alpha, alpha)} per batch, and every example is
 * mixed with the example a random permutation pairs it with, images and one-hot labels alike, so the labels become
 * soft. {@code alpha = 0} leaves the batch untouched.
 */
public final class Mixup {

    private final double alpha;

    public Mixup(double alpha) {
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("mixup alpha must be >= 0, was " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    public boolean isIdentity() {
        return alpha == 0;
    }

    /**
     * Mixes {@code batch} examples in place: {@code images} holds {@code batch} images of {@code imageLength} values,
     * {@code labels} {@code batch} label vectors of {@code classes} values. Returns the lambda used (1 when alpha is
     * 0).
     */
    public double mix(float[] images, int imageLength, float[] labels, int classes, int batch, Random random) {
        if (isIdentity() || batch < 2) {
            return 1.0;
        }
        double lambda = beta(alpha, random);
        int[] partner = permutation(batch, random);
        float[] mixedImages = new float[batch * imageLength];
        float[] mixedLabels = new float[batch * classes];
        float keep = (float) lambda;
        float take = (float) (1.0 - lambda);
        for (int i = 0; i < batch; i++) {
            int j = partner[i];
            for (int k = 0; k < imageLength; k++) {
                mixedImages[i * imageLength + k] = keep * images[i * imageLength + k] + take * images[j * imageLength + k];
            }
            for (int k = 0; k < classes; k++) {
                mixedLabels[i * classes + k] = keep * labels[i * classes + k] + take * labels[j * classes + k];
            }
        }
        System.arraycopy(mixedImages, 0, images, 0, mixedImages.length);
        System.arraycopy(mixedLabels, 0, labels, 0, mixedLabels.length);
        return lambda;
    }

    static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Beta(a, a) as {@code X / (X + Y)} with X, Y independent Gamma(a, 1). */
    static double beta(double a, Random random) {
        double x = gamma(a, random);
        double y = gamma(a, random);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 boosted by {@code U^(1/shape)}. */
    static double gamma(double shape, Random random) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1, random) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
