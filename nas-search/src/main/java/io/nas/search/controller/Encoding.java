package io.nas.search.controller;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The framing both binary encodings share: a magic number saying what the bytes are, then a format version that a
 * reader refuses unless it knows it. Big-endian, so equal states give equal bytes everywhere.
 */
final class Encoding {

    /** Upper bound on any array length read back, so corrupt bytes cannot ask for gigabytes. */
    private static final int MAX_LENGTH = 1 << 26;

    private Encoding() {
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] write(int magic, int version, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(version);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static <T> T read(byte[] bytes, int magic, int version, String what, Reader<T> reader) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " bytes are missing");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int foundMagic = in.readInt();
            if (foundMagic != magic) {
                throw new IllegalArgumentException("these bytes are not " + what + ": magic 0x"
                        + Integer.toHexString(foundMagic) + ", expected 0x" + Integer.toHexString(magic));
            }
            int foundVersion = in.readInt();
            if (foundVersion != version) {
                throw new IllegalArgumentException(what + " format version " + foundVersion
                        + " is not supported; this build reads version " + version);
            }
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(what + " has " + in.available() + " trailing bytes");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " bytes are truncated (" + bytes.length + " bytes)", e);
        }
    }

    static int readLength(DataInputStream in, String field) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " length " + length + " is out of range");
        }
        return length;
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    static int[] readInts(DataInputStream in, String field) throws IOException {
        int[] values = new int[readLength(in, field)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    static double[] readDoubles(DataInputStream in, String field) throws IOException {
        double[] values = new double[readLength(in, field)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
