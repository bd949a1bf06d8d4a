package io.nas.model.latency;

import java.util.Arrays;

/** Repeatability figures of repeated measurements. */
public final class LatencyStatistics {

    private LatencyStatistics() {
    }

    /** Sample standard deviation over mean; 0 for fewer than two values. */
    public static double coefficientOfVariation(double[] values) {
        if (values.length < 2) {
            return 0.0;
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        double sum = 0.0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1)) / mean;
    }

    /** The median of the values (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return InferenceTimer.percentile(sorted, 0.5);
    }
}
