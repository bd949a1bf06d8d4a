package io.nas.latency.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The physical device this replica is bound to: its type (which decides the consumer group), its id (its static group
 * membership and {@code deviceId} in events), the probe that times candidates on it and when to give up on it.
 */
@ConfigMapping(prefix = "nas.device")
public interface DeviceConfig {

    String type();

    String id();

    /** {@code host-cpu} (this machine's CPU, DJL) or {@code replay} (a recorded device farm, see {@link #replay()}). */
    @WithDefault("host-cpu")
    String probe();

    /** PyTorch threads of a host-cpu probe: 1 like MnasNet's single big core. */
    @WithDefault("1")
    int threads();

    /**
     * The host-cpu speed reference's p50 in milliseconds that measurements are scaled to (the replica logs the value it
     * calibrated at start-up). Give every replica of a device type the same value so they report on one scale; unset:
     * each replica uses its own calibration.
     */
    OptionalDouble referenceMs();

    Replay replay();

    /** A measurement that takes longer is abandoned and answered FAILED. */
    @WithDefault("120s")
    Duration timeout();

    /** After this many FAILED measurements in a row the device is taken out of service (readiness DOWN). */
    @WithDefault("3")
    int maxConsecutiveFailures();

    /** The recorded farm: a CSV with an {@code arch_str} column and one column of milliseconds per device. */
    interface Replay {

        Optional<String> file();

        Optional<String> column();
    }
}
