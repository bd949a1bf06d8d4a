package io.nas.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a latency figure was obtained. */
public enum LatencyMethod {
    /** Timed on the physical device. */
    @JsonProperty("measured") MEASURED,
    /** Summed from the device's per-block lookup table. */
    @JsonProperty("predicted") PREDICTED,
    /** Looked up in a recorded device farm (a CSV of earlier measurements). */
    @JsonProperty("replayed") REPLAYED
}
