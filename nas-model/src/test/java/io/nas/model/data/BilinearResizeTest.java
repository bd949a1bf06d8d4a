package io.nas.model.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class BilinearResizeTest {

    @Test
    void aConstantImageStaysConstantAtEverySize() {
        float[] grey = new float[2 * 28 * 28];
        Arrays.fill(grey, 0.25f);
        for (int size : new int[] {7, 14, 16, 21, 28, 32, 57}) {
            float[] resized = new BilinearResize(28, 28, size, size).resize(grey, 2);
            assertThat(resized).hasSize(2 * size * size);
            for (float value : resized) {
                assertThat(value).isCloseTo(0.25f, offset(1e-6f));
            }
        }
    }

    @Test
    void halvingAveragesNeighbourhoodsAndKeepsTheRange() {
        float[] image = new float[4 * 4];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 2 == 0) ? 1f : 0f;
        }
        float[] half = new BilinearResize(4, 4, 2, 2).resize(image, 1);

        // Stripes one pixel wide average out when the filter is widened for shrinking.
        for (float value : half) {
            assertThat(value).isCloseTo(0.5f, offset(0.1f));
        }
    }

    @Test
    void doublingInterpolatesBetweenPixels() {
        float[] image = {0f, 1f};
        float[] doubled = new BilinearResize(1, 2, 1, 4).resize(image, 1);

        assertThat(doubled).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f}, offset(1e-6f));
    }

    @Test
    void valuesStayWithinTheSourceRange() {
        Random random = new Random(1);
        float[] image = new float[28 * 28];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        for (int size : new int[] {12, 32}) {
            for (float value : new BilinearResize(28, 28, size, size).resize(image, 1)) {
                assertThat(value).isBetween(0f, 1f);
            }
        }
        assertThat(new BilinearResize(28, 28, 28, 28).resize(image, 1)).isEqualTo(image);
    }
}
