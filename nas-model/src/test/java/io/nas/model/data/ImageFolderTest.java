package io.nas.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** root/class/image files, classes sorted by name, PNG and JPEG, 1 or 3 channels. */
class ImageFolderTest {

    @Test
    void classesAreSortedByNameAndImagesConvertedToTheRequestedChannels(@TempDir Path root) throws IOException {
        write(root.resolve("zebra/a.png"), Color.RED, "png");
        write(root.resolve("zebra/b.jpg"), Color.RED, "jpg");
        write(root.resolve("ant/one.png"), Color.WHITE, "png");
        Files.writeString(root.resolve("ant/notes.txt"), "not an image");

        ImageSet rgb = ImageFolder.load(root, 3, 8);
        ImageSet grey = ImageFolder.load(root, 1, 8);

        assertThat(rgb.classNames()).containsExactly("ant", "zebra");
        assertThat(rgb.size()).isEqualTo(3);
        assertThat(rgb.label(0)).isZero();
        assertThat(rgb.label(1)).isEqualTo(1);
        assertThat(rgb.height()).isEqualTo(8);
        float[] red = rgb.image(1);
        assertThat(red[0]).isEqualTo(1f);
        assertThat(red[64]).isEqualTo(0f);
        assertThat(red[128]).isEqualTo(0f);
        assertThat(grey.channels()).isEqualTo(1);
        assertThat(grey.image(0)[10]).isEqualTo(1f);
        assertThat(grey.image(1)[10]).isEqualTo(0.298f, offset(0.01f));
        assertThat(grey.image(2)[10]).isEqualTo(0.298f, offset(0.03f));
    }

    @Test
    void anUnreadableImageIsNamed(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("cat"));
        Files.writeString(root.resolve("cat/broken.png"), "no png here");

        assertThatThrownBy(() -> ImageFolder.load(root, 1, 8))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("broken.png");
    }

    private static void write(Path file, Color color, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, 16, 12);
        graphics.dispose();
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    }
}
