package io.nas.model.latency;

import io.nas.contract.arch.MnasArchitecture;
import io.nas.model.DjlRuntime;
import io.nas.model.build.NasNetwork;
import io.nas.model.build.NetworkBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * {@code host-cpu}: the machine the process runs on. Builds the candidate with {@link NetworkBuilder} (random weights:
 * latency does not depend on them) at the request's resolution, batch 1, with a fixed number of PyTorch threads
 * (default 1, like MnasNet's single big core), and times it with an {@link InferenceTimer}, against the process's
 * speed reference so that the CPU's changes of speed do not show in the figures.
 *
 * <p>CPU pinning is the launcher's job: start the process under {@code taskset -c 3 ...} (or a container cpuset) so
 * measurements do not share cores with training; {@link #allowedCpus()} reports what the process may run on.
 */
public final class HostCpuProbe implements LatencyProbe {

    public static final String DEVICE_TYPE = "host-cpu";

    private final int threads;
    private final InferenceTimer timer;

    /** One thread, the standard timing plan. */
    public HostCpuProbe() {
        this(1, TimingPlan.standard());
    }

    /** Scaled to the speed reference as this process calibrates it. */
    public HostCpuProbe(int threads, TimingPlan plan) {
        this(threads, plan, OptionalDouble.empty());
    }

    /**
     * @param referenceMs the speed reference's p50 to scale to (see {@link InferenceTimer}): give every replica of
     *                    one device type the same value so that they report on one scale; empty: calibrate
     */
    public HostCpuProbe(int threads, TimingPlan plan, OptionalDouble referenceMs) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        this.timer = new InferenceTimer(plan, referenceMs);
    }

    @Override
    public String deviceType() {
        return DEVICE_TYPE;
    }

    public int threads() {
        return threads;
    }

    public TimingPlan plan() {
        return timer.plan();
    }

    /** The speed reference's p50 that measurements are scaled to; the first call may calibrate it (seconds). */
    public double referenceMs() {
        DjlRuntime.init(threads);
        return timer.referenceMs();
    }

    @Override
    public LatencyMeasurement measure(ProbeRequest request) {
        if (!(request.architecture() instanceof MnasArchitecture architecture) || request.frame() == null) {
            throw new ProbeFailedException(DEVICE_TYPE + " builds MnasNet-style networks only, not "
                    + request.canonical());
        }
        try {
            DjlRuntime.init(threads);
            NasNetwork network = NetworkBuilder.build(architecture, request.frame().withResolution(request.resolution()));
            return timer.time(network.block(), network.inputShape(ProbeRequest.BATCH, request.resolution()));
        } catch (RuntimeException e) {
            throw new ProbeFailedException(DEVICE_TYPE + " could not run " + request.canonical() + " at "
                    + request.resolution() + " px: " + e.getMessage(), e);
        }
    }

    /**
     * The CPUs this process may run on, as Linux lists them ({@code Cpus_allowed_list}, e.g. {@code 2-3}); where that
     * is not readable, the count the JVM sees.
     */
    public static String allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is hidden: fall through to what the JVM knows.
        }
        return Runtime.getRuntime().availableProcessors() + " processors";
    }
}
