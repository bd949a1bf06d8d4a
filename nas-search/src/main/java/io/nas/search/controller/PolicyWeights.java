package io.nas.search.controller;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * The sampler's half of a controller state: its shape and parameters as float32 (half the bytes; sampling does not
 * need double precision, and both services read the same floats, so they still agree bit for bit).
 */
record PolicyWeights(PolicyShape shape, double[] parameters) {

    /** The version of the weights encoding; a reader refuses any other. */
    static final int FORMAT_VERSION = 1;
    /** "NASW": NAS policy weights. */
    private static final int MAGIC = 0x4E415357;

    static byte[] encode(PolicyShape shape, double[] parameters) {
        return Encoding.write(MAGIC, FORMAT_VERSION, out -> {
            shape.write(out);
            out.writeInt(parameters.length);
            for (double parameter : parameters) {
                out.writeFloat((float) parameter);
            }
        });
    }

    static PolicyWeights decode(byte[] bytes) {
        return Encoding.read(bytes, MAGIC, FORMAT_VERSION, "policy weights", PolicyWeights::read);
    }

    private static PolicyWeights read(DataInputStream in) throws IOException {
        PolicyShape shape = PolicyShape.read(in);
        double[] parameters = new double[Encoding.readLength(in, "parameters")];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = in.readFloat();
        }
        return new PolicyWeights(shape, parameters);
    }
}
