package io.nas.search.controller;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Everything a policy-gradient controller needs to continue: its shape, parameters, Adam's moments and step count,
 * the moving-average reward baseline and how many batches it has learned from. Immutable: an update returns a new
 * state. {@link #toBytes()} is the reward service's full snapshot (doubles, so a restart continues bit for bit);
 * {@link #weights()} is the smaller float32 part the sampler needs.
 */
public final class ControllerState {

    /** The version of {@link #toBytes()}; a reader refuses any other. */
    public static final int FORMAT_VERSION = 1;
    /** "NASS": NAS controller state. */
    private static final int MAGIC = 0x4E415353;

    private final PolicyShape shape;
    private final long updates;
    private final double baseline;
    private final long optimizerSteps;
    private final double[] parameters;
    private final double[] firstMoment;
    private final double[] secondMoment;

    ControllerState(PolicyShape shape, long updates, double baseline, long optimizerSteps, double[] parameters,
                    double[] firstMoment, double[] secondMoment) {
        this.shape = Objects.requireNonNull(shape, "shape");
        if (updates < 0 || optimizerSteps < 0) {
            throw new IllegalArgumentException("update and optimizer step counts must be >= 0");
        }
        if (parameters.length != firstMoment.length || parameters.length != secondMoment.length) {
            throw new IllegalArgumentException("parameters and Adam moments differ in length: " + parameters.length
                    + ", " + firstMoment.length + ", " + secondMoment.length);
        }
        this.updates = updates;
        this.baseline = baseline;
        this.optimizerSteps = optimizerSteps;
        this.parameters = parameters.clone();
        this.firstMoment = firstMoment.clone();
        this.secondMoment = secondMoment.clone();
    }

    /** A fresh state: no update yet, no baseline, zero moments. */
    static ControllerState initial(PolicyShape shape, double[] parameters) {
        return new ControllerState(shape, 0, Double.NaN, 0, parameters, new double[parameters.length],
                new double[parameters.length]);
    }

    public PolicyShape shape() {
        return shape;
    }

    public String strategy() {
        return shape.strategy();
    }

    /** How many batches this state has learned from. */
    public long updates() {
        return updates;
    }

    /** The moving-average reward baseline; empty before the first batch. */
    public OptionalDouble baseline() {
        return Double.isNaN(baseline) ? OptionalDouble.empty() : OptionalDouble.of(baseline);
    }

    public long optimizerSteps() {
        return optimizerSteps;
    }

    public int parameterCount() {
        return parameters.length;
    }

    /** The internal arrays, not copies: callers in this package copy before they change anything. */
    double[] parameters() {
        return parameters;
    }

    double[] firstMoment() {
        return firstMoment;
    }

    double[] secondMoment() {
        return secondMoment;
    }

    double rawBaseline() {
        return baseline;
    }

    /** The full snapshot: shape, counters, baseline, parameters and Adam's moments, in double precision. */
    public byte[] toBytes() {
        return Encoding.write(MAGIC, FORMAT_VERSION, out -> {
            shape.write(out);
            out.writeLong(updates);
            out.writeDouble(baseline);
            out.writeLong(optimizerSteps);
            Encoding.writeDoubles(out, parameters);
            Encoding.writeDoubles(out, firstMoment);
            Encoding.writeDoubles(out, secondMoment);
        });
    }

    /** Reads {@link #toBytes()} back; refuses other bytes or another format version, saying which. */
    public static ControllerState fromBytes(byte[] bytes) {
        return Encoding.read(bytes, MAGIC, FORMAT_VERSION, "controller state", ControllerState::read);
    }

    private static ControllerState read(DataInputStream in) throws IOException {
        PolicyShape shape = PolicyShape.read(in);
        long updates = in.readLong();
        double baseline = in.readDouble();
        long optimizerSteps = in.readLong();
        double[] parameters = Encoding.readDoubles(in, "parameters");
        double[] firstMoment = Encoding.readDoubles(in, "firstMoment");
        double[] secondMoment = Encoding.readDoubles(in, "secondMoment");
        return new ControllerState(shape, updates, baseline, optimizerSteps, parameters, firstMoment, secondMoment);
    }

    /** What sampling needs: the shape and the parameters as float32, read by {@link PolicyController#policy}. */
    public byte[] weights() {
        return PolicyWeights.encode(shape, parameters);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ControllerState that
                && shape.equals(that.shape)
                && updates == that.updates
                && Double.compare(baseline, that.baseline) == 0
                && optimizerSteps == that.optimizerSteps
                && Arrays.equals(parameters, that.parameters)
                && Arrays.equals(firstMoment, that.firstMoment)
                && Arrays.equals(secondMoment, that.secondMoment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, updates, baseline, optimizerSteps, Arrays.hashCode(parameters));
    }

    @Override
    public String toString() {
        return "ControllerState[" + shape.strategy() + ", updates=" + updates + ", baseline=" + baseline
                + ", parameters=" + parameters.length + "]";
    }
}
