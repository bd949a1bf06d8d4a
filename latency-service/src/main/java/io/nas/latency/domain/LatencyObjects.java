package io.nas.latency.domain;

/**
 * Where the latency farms keep their state in the object store: one answer per trial and device type under the trial's
 * folder (DESIGN.md, Storage), and one lookup table per device type and search-space preset.
 */
public final class LatencyObjects {

    private LatencyObjects() {
    }

    /** The answer of device type {@code deviceType} for a trial: a redelivered proposal is answered from it. */
    public static String measurement(String experimentId, String trialId, String deviceType) {
        return "experiments/" + experimentId + "/trials/" + trialId + "/latency/" + deviceType + ".json";
    }

    /** The per-layer lookup table of a device type for one search-space preset ({@code ./nas latency build-lut}). */
    public static String lookupTable(String deviceType, String preset) {
        return "devices/" + deviceType + "/lut/" + preset + ".json";
    }
}
