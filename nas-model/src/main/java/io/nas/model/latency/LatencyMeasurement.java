package io.nas.model.latency;

import io.nas.contract.event.LatencyMethod;

/**
 * One device's figures for one architecture, in milliseconds at batch 1. {@code runs} is the number of timed runs
 * behind the statistics (1 for a replayed record, 0 for a prediction); figures a method cannot give are null.
 */
public record LatencyMeasurement(double p50Ms, Double p90Ms, Double meanMs, Double stdMs, int runs,
                                 LatencyMethod method) {

    public LatencyMeasurement {
        if (!(p50Ms >= 0.0) || Double.isInfinite(p50Ms)) {
            throw new IllegalArgumentException("p50Ms must be a finite value >= 0, was " + p50Ms);
        }
        if (runs < 0) {
            throw new IllegalArgumentException("runs must be >= 0, was " + runs);
        }
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
    }
}
