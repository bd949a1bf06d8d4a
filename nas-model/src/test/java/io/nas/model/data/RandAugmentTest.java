package io.nas.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class RandAugmentTest {

    private static final float[] GARMENT = FashionMnistFixture.training().image(0);

    @ParameterizedTest
    @EnumSource(RandAugment.Op.class)
    void everyOpKeepsShapeAndRangeAndLeavesItsInputAlone(RandAugment.Op op) {
        float[] rgb = randomImage(3, 12, 10, new Random(2));
        for (double magnitude : new double[] {0, 5, 10, 15, 30}) {
            float[] before = GARMENT.clone();
            float[] grey = op.apply(GARMENT, 1, 28, 28, magnitude, new Random(3));
            float[] colour = op.apply(rgb, 3, 12, 10, magnitude, new Random(3));

            assertThat(GARMENT).isEqualTo(before);
            assertThat(grey).hasSize(GARMENT.length);
            assertThat(colour).hasSize(rgb.length);
            assertInUnitRange(grey);
            assertInUnitRange(colour);
        }
    }

    @ParameterizedTest
    @EnumSource(value = RandAugment.Op.class, names = {"IDENTITY", "ROTATE", "SOLARIZE", "COLOR", "POSTERIZE",
            "CONTRAST", "BRIGHTNESS", "SHARPNESS", "SHEAR_X", "SHEAR_Y", "TRANSLATE_X", "TRANSLATE_Y"})
    void magnitudeZeroChangesNothingForTheOpsThatHaveOne(RandAugment.Op op) {
        assertThat(op.apply(GARMENT, 1, 28, 28, 0, new Random(1)))
                .containsExactly(GARMENT, offset(1e-6f));
    }

    @ParameterizedTest
    @EnumSource(value = RandAugment.Op.class, names = {"ROTATE", "SOLARIZE", "POSTERIZE", "CONTRAST", "BRIGHTNESS",
            "SHEAR_X", "SHEAR_Y", "TRANSLATE_X", "TRANSLATE_Y", "AUTO_CONTRAST", "EQUALIZE", "SHARPNESS"})
    void atMagnitude10TheImageChanges(RandAugment.Op op) {
        // A dimmed garment, so that auto-contrast has a range to stretch.
        float[] dim = new float[GARMENT.length];
        for (int i = 0; i < dim.length; i++) {
            dim[i] = 0.1f + 0.6f * GARMENT[i];
        }
        float[] augmented = op.apply(dim, 1, 28, 28, 10, new Random(1));

        assertThat(difference(augmented, dim)).as(op.name()).isGreaterThan(1.0);
    }

    @Test
    void translationMovesThePictureByTheDocumentedShare() {
        float[] dot = new float[28 * 28];
        dot[14 * 28 + 14] = 1f;
        // Magnitude 10 translates 0.45 of the side: 12.6 px, left or right.
        float[] moved = RandAugment.Op.TRANSLATE_X.apply(dot, 1, 28, 28, 10, new Random(4));
        int at = indexOfMax(moved);

        assertThat(at / 28).isEqualTo(14);
        assertThat(Math.abs(at % 28 - 14)).isBetween(12, 13);
    }

    @Test
    void theSameSeedAugmentsTheSameWay() {
        RandAugment augment = new RandAugment(2, 9);

        float[] first = augment.apply(GARMENT, 1, 28, 28, new Random(42));
        float[] again = augment.apply(GARMENT, 1, 28, 28, new Random(42));

        assertThat(again).isEqualTo(first);
        assertInUnitRange(first);
    }

    @Test
    void magnitudeZeroOrNoOpsIsNoAugmentation() {
        assertThat(new RandAugment(2, 0).isIdentity()).isTrue();
        assertThat(new RandAugment(0, 10).isIdentity()).isTrue();
        assertThat(new RandAugment(2, 0).apply(GARMENT, 1, 28, 28, new Random(1))).isSameAs(GARMENT);
        assertThat(new RandAugment(2, 45).magnitude()).isEqualTo(RandAugment.MAX_MAGNITUDE);
        assertThatThrownBy(() -> new RandAugment(2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void augmentingAnEpochOfImagesIsCheap() {
        RandAugment augment = new RandAugment(2, 10);
        Random random = new Random(5);
        long start = System.nanoTime();
        for (int i = 0; i < 5_000; i++) {
            augment.apply(FashionMnistFixture.training().image(i), 1, 28, 28, random);
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
    }

    private static void assertInUnitRange(float[] image) {
        for (float value : image) {
            assertThat(value).isBetween(0f, 1f);
        }
    }

    private static double difference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }

    private static int indexOfMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static float[] randomImage(int channels, int height, int width, Random random) {
        float[] image = new float[channels * height * width];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        return image;
    }
}
