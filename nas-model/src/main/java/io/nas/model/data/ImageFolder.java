package io.nas.model.data;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A labelled image directory, {@code root/<class>/<image files>}, classes sorted by name (as torchvision's and DJL's
 * ImageFolder do). Every image is decoded with {@code javax.imageio} (PNG, JPEG, GIF, BMP), scaled to
 * {@code size x size} and converted to 1 (luma) or 3 (RGB) channels. Data in a bucket is read by downloading it to a
 * directory first and pointing this at it.
 */
public final class ImageFolder {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private ImageFolder() {
    }

    public static ImageSet load(Path root, int channels, int size) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
        List<Path> classDirectories;
        try (Stream<Path> entries = Files.list(root)) {
            classDirectories = entries.filter(Files::isDirectory).sorted().toList();
        }
        if (classDirectories.isEmpty()) {
            throw new IOException(root + " has no class directories (expected root/<class>/<image files>)");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classDirectory : classDirectories) {
            int label = classNames.size();
            classNames.add(classDirectory.getFileName().toString());
            try (Stream<Path> entries = Files.list(classDirectory)) {
                entries.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().forEach(file -> {
                    files.add(file);
                    labels.add(label);
                });
            }
        }
        int length = channels * size * size;
        byte[] pixels = new byte[files.size() * length];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image;
            try {
                image = ImageIO.read(files.get(i).toFile());
            } catch (IOException e) {
                throw new IOException(files.get(i) + ": " + e.getMessage(), e);
            }
            if (image == null) {
                throw new IOException(files.get(i) + ": not an image javax.imageio can read");
            }
            writePixels(scaled(image, size), channels, pixels, i * length);
        }
        return new ImageSet(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), channels, size, size,
                classNames);
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BufferedImage scaled(BufferedImage image, int size) {
        BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, 0, 0, size, size, null);
        } finally {
            graphics.dispose();
        }
        return rgb;
    }

    /** Channel-first bytes; grey is ITU-R BT.601 luma computed here, not by Java2D's linear-light grey conversion. */
    private static void writePixels(BufferedImage rgb, int channels, byte[] pixels, int offset) {
        int size = rgb.getWidth();
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int argb = rgb.getRGB(x, y);
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                int at = offset + y * size + x;
                if (channels == 1) {
                    pixels[at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    pixels[at] = (byte) r;
                    pixels[at + plane] = (byte) g;
                    pixels[at + 2 * plane] = (byte) b;
                }
            }
        }
    }
}
