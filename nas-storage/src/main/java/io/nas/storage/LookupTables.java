package io.nas.storage;

/**
 * Where a device type's per-layer latency lookup tables lie: written by {@code ./nas latency build-lut}, read by the
 * latency farms of that type for experiments that ask for predicted latency.
 */
public final class LookupTables {

    private LookupTables() {
    }

    /** The table of {@code deviceType} for one search-space preset. */
    public static String key(String deviceType, String preset) {
        return "devices/" + deviceType + "/lut/" + preset + ".json";
    }
}
