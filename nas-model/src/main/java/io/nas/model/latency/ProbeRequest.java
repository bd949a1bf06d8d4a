package io.nas.model.latency;

import io.nas.contract.arch.Architecture;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;

/**
 * What a device measures: an architecture (its canonical string and parsed form), the network frame around it (null
 * for a NAS-Bench-201 cell, which has none) and the input shape, {@code (1, inChannels, resolution, resolution)}.
 */
public record ProbeRequest(String canonical, Architecture architecture, NetworkFrame frame, int resolution,
                           int inChannels) {

    public static final int BATCH = 1;

    public ProbeRequest {
        if (canonical == null || canonical.isBlank()) {
            throw new IllegalArgumentException("architecture string is missing");
        }
        if (resolution < 1 || inChannels < 1) {
            throw new IllegalArgumentException("resolution and inChannels must be >= 1, were " + resolution + ", "
                    + inChannels);
        }
    }

    /**
     * A request from a proposal's fields: the canonical string read by the space the spec makes, at
     * {@code resolution} pixels (null: the space's own).
     *
     * @throws IllegalArgumentException when the string is not an architecture of that space's family
     */
    public static ProbeRequest of(String canonical, SearchSpaceSpec space, Integer resolution) {
        SearchSpace searchSpace = SearchSpaces.of(space);
        SearchSpaceSpec spec = searchSpace.spec();
        int size = resolution != null ? resolution : spec.resolution();
        Architecture architecture = searchSpace.parse(canonical);
        NetworkFrame frame = searchSpace instanceof MnasSearchSpace mnas ? mnas.frame().withResolution(size) : null;
        return new ProbeRequest(architecture.canonical(), architecture, frame, size, spec.inChannels());
    }

    /** A request for a MnasNet-style network at its frame's resolution. */
    public static ProbeRequest of(MnasArchitecture architecture, NetworkFrame frame) {
        return new ProbeRequest(architecture.canonical(), architecture, frame, frame.resolution(), frame.inChannels());
    }
}
