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
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times the inference of one DJL {@link Block} on this machine's CPU with a {@link TimingPlan}: random weights, a fixed
 * random input, no gradient recording, one sub-manager per run so each run's activations are freed at once. Only the
 * forward pass is timed (the input is copied in before the clock starts). Timings on one machine are serialised.
 *
 * <p>The process's {@link SpeedReference} runs interleaved with the candidate, in bursts about as long as the
 * candidate's; each candidate run counts as its time over the median of the reference burst before it, times the
 * reference's calibrated p50: the figures are this device's milliseconds at one fixed speed, however the CPU's speed
 * drifts meanwhile.
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
    /** Reference bursts a timing needs before it may stop: its speed estimate then spans several moments. */
    private static final int MIN_REFERENCE_BURSTS = 5;
    /** Timed runs of the reference in each of its bursts, at least. */
    private static final int BURST_RUNS = 3;
    /** The longest burst, and a burst's share of the plan's budget: a timing sees about twenty of each, or more. */
    private static final double MAX_BURST_MILLIS = 50.0;
    private static final int MIN_BURSTS = 20;

    private final TimingPlan plan;
    private final OptionalDouble referenceMs;

    /** Scaled to the reference's p50 as this process calibrated it. */
    public InferenceTimer(TimingPlan plan) {
        this(plan, OptionalDouble.empty());
    }

    /**
     * @param referenceMs the reference's p50 to scale to, where replicas of one device type must share one scale;
     *                    empty: as this process calibrated it
     */
    public InferenceTimer(TimingPlan plan, OptionalDouble referenceMs) {
        if (referenceMs.isPresent() && !(referenceMs.getAsDouble() > 0.0)) {
            throw new IllegalArgumentException("the reference's p50 must be > 0 ms, was " + referenceMs.getAsDouble());
        }
        this.plan = plan;
        this.referenceMs = referenceMs;
    }

    public TimingPlan plan() {
        return plan;
    }

    /** The reference's p50 in milliseconds that timings are scaled to; calibrates the process's reference if needed. */
    public double referenceMs() {
        synchronized (DEVICE) {
            return referenceMs.isPresent() ? referenceMs.getAsDouble() : withoutGrad(SpeedReference::process)
                    .calibratedMs();
        }
    }

    /** The canonical architecture of the speed reference (see {@link SpeedReference}). */
    public static String referenceArchitecture() {
        synchronized (DEVICE) {
            return withoutGrad(SpeedReference::process).canonical();
        }
    }

    /** Initializes {@code block} for {@code inputShape} with random weights and times its forward pass. */
    public LatencyMeasurement time(Block block, Shape inputShape) {
        synchronized (DEVICE) {
            return withoutGrad(() -> {
                SpeedReference reference = SpeedReference.process();
                try (NDManager manager = NDManager.newBaseManager()) {
                    block.initialize(manager, DataType.FLOAT32, inputShape);
                    Subject candidate = new Subject(manager, block, new ParameterStore(manager, false),
                            randomInput(inputShape), inputShape);
                    warmUp(plan, candidate, reference.subject());
                    double scale = referenceMs.orElse(reference.calibratedMs());
                    return statistics(Arrays.stream(timedRuns(plan, candidate, reference.subject()).values())
                            .map(ratio -> ratio * scale).toArray());
                }
            });
        }
    }

    /** The p50 of the reference timed alone (after the process's first, longer warm-up). */
    static double calibrate(Subject reference) {
        TimingPlan calibration = TimingPlan.standard();
        warmUp(calibration, reference, null);
        return median(timedRuns(calibration, reference, null).values());
    }

    /** Grad mode is per thread in PyTorch: a fresh thread records gradients unless told otherwise. */
    private static <T> T withoutGrad(Supplier<T> work) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    static float[] randomInput(Shape shape) {
        float[] input = new float[Math.toIntExact(shape.size())];
        Random random = new Random(7);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        return input;
    }

    private static void warmUp(TimingPlan plan, Subject candidate, Subject reference) {
        long start = System.nanoTime();
        long min = (processWarm ? plan.warmupMillis() : Math.max(plan.warmupMillis(), FIRST_WARMUP_MILLIS))
                * 1_000_000L;
        processWarm = true;
        Interleaved runs = new Interleaved(candidate, reference, 64, burstMillis(plan));
        while (true) {
            runs.step();
            long elapsed = System.nanoTime() - start;
            boolean enough = runs.count() >= plan.minWarmupRuns() && elapsed >= min;
            if (enough && (settled(runs.values()) || elapsed >= 2 * min)) {
                return;
            }
        }
    }

    /** Whether the medians of the last two windows of runs agree: caches and allocator pools are warm. */
    private static boolean settled(double[] times) {
        if (times.length < 2 * WARMUP_WINDOW) {
            return false;
        }
        int end = times.length;
        double a = median(Arrays.copyOfRange(times, end - 2 * WARMUP_WINDOW, end - WARMUP_WINDOW));
        double b = median(Arrays.copyOfRange(times, end - WARMUP_WINDOW, end));
        return Math.abs(a - b) <= WARMUP_SETTLED * Math.max(a, b);
    }

    /** Timed runs until the plan's run count or budget, or until the median's relative standard error is on target. */
    private static Interleaved timedRuns(TimingPlan plan, Subject candidate, Subject reference) {
        long budget = plan.budgetMillis() * 1_000_000L;
        Interleaved runs = new Interleaved(candidate, reference, plan.maxRuns(), burstMillis(plan));
        long start = System.nanoTime();
        while (true) {
            runs.step();
            int count = runs.count();
            if (count >= plan.maxRuns() || System.nanoTime() - start >= budget) {
                return runs;
            }
            // The stop test sorts: check it every few runs, not after each.
            if (count >= plan.minRuns() && count % 10 == 0 && (reference == null
                    || runs.referenceBursts() >= MIN_REFERENCE_BURSTS)
                    && relativeMedianError(runs.values()) <= plan.targetRelativeError()) {
                return runs;
            }
        }
    }

    private static double burstMillis(TimingPlan plan) {
        return Math.min(MAX_BURST_MILLIS, (double) plan.budgetMillis() / (2 * MIN_BURSTS));
    }

    /** A network ready to run: its arrays, parameters and fixed input. */
    record Subject(NDManager manager, Block block, ParameterStore parameters, float[] input, Shape shape) {

        /** Milliseconds of one forward pass; the run's arrays live in a sub-manager closed right after. */
        double runOnce() {
            try (NDManager run = manager.newSubManager()) {
                NDArray x = run.create(input, shape);
                long start = System.nanoTime();
                // PyTorch on the CPU computes eagerly: the forward call returns with its result ready.
                block.forward(parameters, new NDList(x), false);
                return (System.nanoTime() - start) / 1e6;
            }
        }
    }

    /**
     * The candidate's runs in bursts, with bursts of the reference's in between, each burst about as long as
     * {@code burstMillis}, so each gets about half the time whatever their sizes (a 50 us layer of a lookup table and a
     * 2 ms reference alike). Each candidate run is kept divided by the median of the reference burst just before it:
     * both saw the CPU within a few tens of milliseconds, far shorter than the seconds a speed state lasts, so the ratio
     * does not move with the CPU's speed (over 1 s windows measured here, the median of the ratios of neighbouring
     * runs varied half as much as the ratio of the two medians). The first run of each burst is not timed: it brings
     * its network's weights back into the caches the other one used, as a network timed on its own always finds them.
     */
    private static final class Interleaved {
        private final Subject candidate;
        private final Subject reference;
        private final int capacity;
        private final double burstMillis;
        private double[] values = new double[64];
        private int count;
        private int referenceBursts;
        private double lastReference;
        private double owed = Double.MAX_VALUE;

        Interleaved(Subject candidate, Subject reference, int capacity, double burstMillis) {
            this.candidate = candidate;
            this.reference = reference;
            this.capacity = capacity;
            this.burstMillis = burstMillis;
        }

        void step() {
            if (reference != null && owed >= burstMillis) {
                lastReference = referenceBurst();
                candidate.runOnce();
                owed = 0.0;
            }
            double time = candidate.runOnce();
            owed += time;
            // The warm-up keeps only its latest runs: it needs the last windows, not all of them.
            if (count == capacity) {
                System.arraycopy(values, 1, values, 0, count - 1);
                count--;
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, Math.min(capacity, 2 * values.length));
            }
            values[count++] = reference == null ? time : time / lastReference;
        }

        /** The median of a burst of the reference's runs, at least {@link #BURST_RUNS}, after an untimed one. */
        private double referenceBurst() {
            reference.runOnce();
            double[] times = new double[BURST_RUNS];
            int runs = 0;
            double elapsed = 0.0;
            while (runs < BURST_RUNS || elapsed < burstMillis) {
                if (runs == times.length) {
                    times = Arrays.copyOf(times, 2 * times.length);
                }
                times[runs] = reference.runOnce();
                elapsed += times[runs++];
            }
            referenceBursts++;
            return median(Arrays.copyOf(times, runs));
        }

        int count() {
            return count;
        }

        int referenceBursts() {
            return referenceBursts;
        }

        /** Each run's time over the reference's, or its milliseconds where there is no reference. */
        double[] values() {
            return Arrays.copyOf(values, count);
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
