package io.nas.model.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class MixupTest {

    @Test
    void alphaZeroIsTheIdentity() {
        float[] images = randomValues(4 * 9, new Random(1));
        float[] labels = oneHot(new int[] {0, 1, 2, 1}, 3);
        float[] imagesBefore = images.clone();
        float[] labelsBefore = labels.clone();

        double lambda = new Mixup(0).mix(images, 9, labels, 3, 4, new Random(2));

        assertThat(lambda).isEqualTo(1.0);
        assertThat(images).isEqualTo(imagesBefore);
        assertThat(labels).isEqualTo(labelsBefore);
    }

    @Test
    void mixedExamplesAreConvexCombinationsWithSoftLabels() {
        float[] images = new float[] {0f, 0f, 1f, 1f, 0.5f, 0.5f};
        float[] labels = oneHot(new int[] {0, 1, 2}, 3);

        double lambda = new Mixup(1.0).mix(images, 2, labels, 3, 3, new Random(7));

        assertThat(lambda).isBetween(0.0, 1.0);
        for (int i = 0; i < 3; i++) {
            float sum = labels[3 * i] + labels[3 * i + 1] + labels[3 * i + 2];
            assertThat(sum).isCloseTo(1f, offset(1e-6f));
            float max = Math.max(labels[3 * i], Math.max(labels[3 * i + 1], labels[3 * i + 2]));
            assertThat(max).isGreaterThanOrEqualTo(0.5f - 1e-6f);
        }
        for (float value : images) {
            assertThat(value).isBetween(0f, 1f);
        }
    }

    @Test
    void betaSamplesHaveTheRightMean() {
        Random random = new Random(3);
        for (double alpha : new double[] {0.2, 1.0, 4.0}) {
            double sum = 0;
            double extremes = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                double lambda = Mixup.beta(alpha, random);
                assertThat(lambda).isBetween(0.0, 1.0);
                sum += lambda;
                extremes += (lambda < 0.1 || lambda > 0.9) ? 1 : 0;
            }
            assertThat(sum / n).as("alpha " + alpha).isCloseTo(0.5, offset(0.02));
            // Small alphas mostly keep one example, large ones mix evenly.
            if (alpha < 1) {
                assertThat(extremes / n).isGreaterThan(0.5);
            } else if (alpha > 1) {
                assertThat(extremes / n).isLessThan(0.05);
            }
        }
    }

    private static float[] oneHot(int[] labels, int classes) {
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        return oneHot;
    }

    private static float[] randomValues(int n, Random random) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }
}
