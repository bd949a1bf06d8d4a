package io.nas.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The state after a completed stage, enough to resume with the next one: the position, the network's parameters in
 * DJL's format ({@code Block.saveParameters}, loadable with {@code Block.loadParameters} into the same architecture)
 * and the optimizer state ({@link MomentumSgd#exportState}). {@link #toBytes()} packs all three into one object for
 * the object store.
 */
public record StageCheckpoint(TrainingPosition position, byte[] parameters, byte[] optimizerState) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAGIC = 0x4E415343; // "NASC"
    private static final int VERSION = 1;

    public StageCheckpoint {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(optimizerState, "optimizerState");
    }

    public int stage() {
        return position.stage();
    }

    /** The position as JSON (for object metadata or a {@code metrics.json}). */
    public String positionJson() {
        try {
            return JSON.writeValueAsString(position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One self-describing blob: magic, version, position JSON, parameters, optimizer state. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameters.length + optimizerState.length + 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] json = positionJson().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.writeInt(parameters.length);
            out.write(parameters);
            out.writeInt(optimizerState.length);
            out.write(optimizerState);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBytes()}. */
    public static StageCheckpoint fromBytes(byte[] blob) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a stage checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("unknown stage checkpoint version " + version);
            }
            TrainingPosition position = JSON.readValue(readBlock(in), TrainingPosition.class);
            return new StageCheckpoint(position, readBlock(in), readBlock(in));
        }
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("truncated stage checkpoint");
        }
        byte[] block = new byte[length];
        in.readFully(block);
        return block;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StageCheckpoint that && position.equals(that.position)
                && Arrays.equals(parameters, that.parameters) && Arrays.equals(optimizerState, that.optimizerState);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * position.hashCode() + Arrays.hashCode(parameters)) + Arrays.hashCode(optimizerState);
    }

    @Override
    public String toString() {
        return "StageCheckpoint[" + position + ", " + parameters.length + " parameter bytes, "
                + optimizerState.length + " optimizer bytes]";
    }
}
