package io.nas.latency.domain;

/**
 * Where the latency farms keep their answers in the object store: one per trial and device type under the trial's
 * folder (DESIGN.md, Storage). Lookup tables lie where {@link io.nas.storage.LookupTables} says.
 */
public final class LatencyObjects {

    private LatencyObjects() {
    }

    /** The answer of device type {@code deviceType} for a trial: a redelivered proposal is answered from it. */
    public static String measurement(String experimentId, String trialId, String deviceType) {
        return "experiments/" + experimentId + "/trials/" + trialId + "/latency/" + deviceType + ".json";
    }
}
