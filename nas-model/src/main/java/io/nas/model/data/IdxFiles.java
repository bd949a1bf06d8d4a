package io.nas.model.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The idx format of MNIST and Fashion-MNIST, raw or gzipped: a big-endian int magic ({@code 0x803} unsigned-byte
 * images, {@code 0x801} unsigned-byte labels), the count, then rows and cols for images, then the bytes.
 */
public final class IdxFiles {

    static final int IMAGES_MAGIC = 0x803;
    static final int LABELS_MAGIC = 0x801;

    private IdxFiles() {
    }

    /** Grey images from {@code imageFile} with their labels from {@code labelFile}. */
    public static ImageSet read(Path imageFile, Path labelFile, List<String> classNames) throws IOException {
        int[] labels = readLabels(labelFile);
        try (DataInputStream in = open(imageFile)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(imageFile + ": not an idx image file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x803)");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count != labels.length) {
                throw new IOException(imageFile + " holds " + count + " images but " + labelFile + " "
                        + labels.length + " labels");
            }
            byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(count, rows), cols)];
            in.readFully(pixels);
            return new ImageSet(pixels, labels, 1, rows, cols, classNames);
        }
    }

    static int[] readLabels(Path labelFile) throws IOException {
        try (DataInputStream in = open(labelFile)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(labelFile + ": not an idx label file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x801)");
            }
            int count = in.readInt();
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        }
    }

    /** Reads through gzip when the file starts with the gzip magic bytes, whatever its name. */
    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        boolean gzipped = first == 0x1f && second == 0x8b;
        return new DataInputStream(gzipped ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }
}
