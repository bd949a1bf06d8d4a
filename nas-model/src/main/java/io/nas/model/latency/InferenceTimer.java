package io.nas.model.latency;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.nas.contract.event.LatencyMethod;

import java.util.Arrays;
import java.util.Random;

/**
 * Times the inference of one DJL {@link Block} on this machine's CPU with a {@link TimingPlan}: random weights, a fixed
 * random input, no gradient recording, one sub-manager per run so each run's activations are freed at once. Only the
 * forward pass is timed (the input is copied in before the clock starts). Timings on one machine are serialised.
 */
public final class InferenceTimer {

    private static final Object DEVICE = new Object();
    /** Robust sigma from the median absolute deviation, and the standard error factor of a sample median. */
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double MEDIAN_SE_FACTOR = 1.2533;
    private static final int WARMUP_WINDOW = 5;
    private static final double WARMUP_SETTLED = 0.03;
    /** The first timing in a process also warms the JVM's JIT and the engine's thread pools and allocator. */
    private static final long FIRST_WARMUP_MILLIS = 4000;
    private static boolean processWarm;
    private static final double HALVES_AGREE = 0.01;
    private static final int RETAKES = 2;

    private final TimingPlan plan;

    public InferenceTimer(TimingPlan plan) {
        this.plan = plan;
    }

    public TimingPlan plan() {
        return plan;
    }

    /** Initializes {@code block} for {@code inputShape} with random weights and times its forward pass. */
    public LatencyMeasurement time(Block block, Shape inputShape) {
        synchronized (DEVICE) {
            // Grad mode is per thread in PyTorch: a fresh thread records gradients unless told otherwise.
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try (NDManager manager = NDManager.newBaseManager()) {
                block.initialize(manager, DataType.FLOAT32, inputShape);
                ParameterStore parameters = new ParameterStore(manager, false);
                float[] input = new float[Math.toIntExact(inputShape.size())];
                Random random = new Random(7);
                for (int i = 0; i < input.length; i++) {
                    input[i] = (float) random.nextGaussian();
                }
                warmUp(manager, block, parameters, input, inputShape);
                return steadyRuns(manager, block, parameters, input, inputShape);
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
    }

    private void warmUp(NDManager manager, Block block, ParameterStore parameters, float[] input, Shape shape) {
        long start = System.nanoTime();
        long min = (processWarm ? plan.warmupMillis() : Math.max(plan.warmupMillis(), FIRST_WARMUP_MILLIS)) * 1_000_000L;
        processWarm = true;
        double[] window = new double[2 * WARMUP_WINDOW];
        int runs = 0;
        while (true) {
            window[runs % window.length] = runOnce(manager, block, parameters, input, shape);
            runs++;
            long elapsed = System.nanoTime() - start;
            boolean enough = runs >= plan.minWarmupRuns() && elapsed >= min;
            if (enough && (settled(window, runs) || elapsed >= 2 * min)) {
                return;
            }
        }
    }

    /** Whether the medians of the last two windows of runs agree: caches and allocator pools are warm. */
    private static boolean settled(double[] window, int runs) {
        if (runs < window.length) {
            return false;
        }
        double[] older = new double[WARMUP_WINDOW];
        double[] newer = new double[WARMUP_WINDOW];
        for (int i = 0; i < WARMUP_WINDOW; i++) {
            older[i] = window[(runs + i) % window.length];
            newer[i] = window[(runs + WARMUP_WINDOW + i) % window.length];
        }
        double a = median(older);
        double b = median(newer);
        return Math.abs(a - b) <= WARMUP_SETTLED * Math.max(a, b);
    }

    /**
     * Timed runs whose first and second halves agree: a measurement that something else on the machine disturbed
     * (its halves' medians differ by more than {@link #HALVES_AGREE}) is taken again, at most {@link #RETAKES} times.
     * When no take is steady, the one with the lowest median is kept: a disturbance only ever adds time.
     */
    private LatencyMeasurement steadyRuns(NDManager manager, Block block, ParameterStore parameters, float[] input,
                                          Shape shape) {
        double[] kept = timedRuns(manager, block, parameters, input, shape);
        for (int retake = 0; retake < RETAKES && !halvesAgree(kept); retake++) {
            double[] times = timedRuns(manager, block, parameters, input, shape);
            if (halvesAgree(times) || median(times) < median(kept)) {
                kept = times;
            }
        }
        return statistics(kept);
    }

    static boolean halvesAgree(double[] times) {
        int half = times.length / 2;
        if (half < WARMUP_WINDOW) {
            return true;
        }
        double first = median(Arrays.copyOfRange(times, 0, half));
        double second = median(Arrays.copyOfRange(times, half, times.length));
        return Math.abs(first - second) <= HALVES_AGREE * Math.min(first, second);
    }

    private double[] timedRuns(NDManager manager, Block block, ParameterStore parameters, float[] input,
                                         Shape shape) {
        long budget = plan.budgetMillis() * 1_000_000L;
        double[] times = new double[Math.min(plan.maxRuns(), 1024)];
        int runs = 0;
        long start = System.nanoTime();
        while (true) {
            if (runs == times.length) {
                times = Arrays.copyOf(times, Math.min(plan.maxRuns(), times.length * 2));
            }
            times[runs++] = runOnce(manager, block, parameters, input, shape);
            if (runs >= plan.maxRuns() || System.nanoTime() - start >= budget) {
                break;
            }
            // The stop test sorts: check it every few runs, not after each.
            if (runs >= plan.minRuns() && runs % 10 == 0
                    && relativeMedianError(Arrays.copyOf(times, runs)) <= plan.targetRelativeError()) {
                break;
            }
        }
        return Arrays.copyOf(times, runs);
    }

    /** Milliseconds of one forward pass; the run's arrays live in a sub-manager closed right after. */
    private static double runOnce(NDManager manager, Block block, ParameterStore parameters, float[] input,
                                  Shape shape) {
        try (NDManager run = manager.newSubManager()) {
            NDArray x = run.create(input, shape);
            long start = System.nanoTime();
            // PyTorch on the CPU computes eagerly: the forward call returns with its result ready.
            block.forward(parameters, new NDList(x), false);
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /** Estimated standard error of the sample median relative to it, from the robust spread of the runs. */
    static double relativeMedianError(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = percentile(sorted, 0.5);
        double[] deviations = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        double sigma = MAD_TO_SIGMA * median(deviations);
        return MEDIAN_SE_FACTOR * sigma / Math.sqrt(sorted.length) / median;
    }

    static LatencyMeasurement statistics(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double variance = 0.0;
        for (double t : sorted) {
            variance += (t - mean) * (t - mean);
        }
        double std = sorted.length > 1 ? Math.sqrt(variance / (sorted.length - 1)) : 0.0;
        return new LatencyMeasurement(percentile(sorted, 0.5), percentile(sorted, 0.9), mean, std, sorted.length,
                LatencyMethod.MEASURED);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
    }

    /** Linear interpolation between the closest ranks of a sorted sample. */
    static double percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }
}
