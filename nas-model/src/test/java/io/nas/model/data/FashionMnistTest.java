package io.nas.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the real idx files of Debian's dataset-fashion-mnist. */
class FashionMnistTest {

    @Test
    void trainingSetHas60000ImagesOf28x28In10BalancedClasses() {
        ImageSet training = FashionMnistFixture.training();

        assertThat(training.size()).isEqualTo(60_000);
        assertThat(training.channels()).isEqualTo(1);
        assertThat(training.height()).isEqualTo(28);
        assertThat(training.width()).isEqualTo(28);
        assertThat(training.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
        assertThat(training.classCounts()).containsOnly(6_000);
    }

    @Test
    void testSetHas10000ImagesWithLabels0To9() throws IOException {
        ImageSet test = FashionMnist.test(FashionMnist.DEFAULT_DIRECTORY);

        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.classCounts()).hasSize(10).containsOnly(1_000);
        for (int i = 0; i < test.size(); i++) {
            assertThat(test.label(i)).isBetween(0, 9);
        }
    }

    @Test
    void pixelsAreFractionsAndImagesAreNotBlank() {
        ImageSet training = FashionMnistFixture.training();
        float[] image = training.image(0);

        assertThat(image).hasSize(784);
        for (float value : image) {
            assertThat(value).isBetween(0f, 1f);
        }
        // A garment on a black background: some white, many black pixels.
        assertThat(max(image)).isGreaterThan(0.8f);
        assertThat(IntStream.range(0, image.length).filter(i -> image[i] == 0f).count()).isGreaterThan(100);
    }

    @Test
    void rawIdxFilesWorkAndWrongMagicIsRefused(@TempDir Path directory) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve("img")))) {
            out.writeInt(0x803);
            out.writeInt(2);
            out.writeInt(2);
            out.writeInt(3);
            out.write(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve("lbl")))) {
            out.writeInt(0x801);
            out.writeInt(2);
            out.write(new byte[] {1, 0});
        }

        ImageSet images = IdxFiles.read(directory.resolve("img"), directory.resolve("lbl"), List.of("a", "b"));

        assertThat(images.size()).isEqualTo(2);
        assertThat(images.height()).isEqualTo(2);
        assertThat(images.width()).isEqualTo(3);
        assertThat(images.label(0)).isEqualTo(1);
        assertThat(images.image(1)[5]).isEqualTo(1f);
        assertThatThrownBy(() -> IdxFiles.read(directory.resolve("lbl"), directory.resolve("lbl"), List.of("a", "b")))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
    }

    @Test
    void aMissingDirectorySaysWhatToInstall(@TempDir Path directory) {
        assertThatThrownBy(() -> FashionMnist.training(directory))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("dataset-fashion-mnist");
    }

    private static float max(float[] values) {
        float max = 0f;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
