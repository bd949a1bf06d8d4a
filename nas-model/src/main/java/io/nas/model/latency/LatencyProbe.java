package io.nas.model.latency;

/**
 * One device that can time an architecture: the machine itself ({@link HostCpuProbe}), a recorded device farm
 * ({@link ReplayProbe}), a lookup-table predictor ({@link LookupTableProbe}), or a phone or board attached to the host
 * (see the package documentation for how to add one). Implementations serialise their own measurements: two timings
 * on one device at once would disturb each other.
 */
public interface LatencyProbe {

    /** The device type this probe answers for, e.g. {@code host-cpu} or {@code replay}. */
    String deviceType();

    /**
     * Times one architecture at batch 1 at the request's input shape.
     *
     * @throws ProbeFailedException when the device cannot measure it; the message is the reason to publish
     */
    LatencyMeasurement measure(ProbeRequest request);
}
