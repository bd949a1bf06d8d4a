package io.nas.latency.service;

import io.nas.latency.config.DeviceConfig;
import io.nas.model.latency.HostCpuProbe;
import io.nas.model.latency.LatencyMeasurement;
import io.nas.model.latency.LatencyTable;
import io.nas.model.latency.LookupTableProbe;
import io.nas.model.latency.LatencyProbe;
import io.nas.model.latency.ProbeRequest;
import io.nas.model.latency.ReplayProbe;
import io.nas.model.latency.TimingPlan;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probe of this replica's device, made once from {@code nas.device.*} at start-up so that a wrong replay file or
 * column stops the replica at once instead of failing every trial.
 */
@Startup
@ApplicationScoped
public class DeviceProbes {

    public static final String HOST_CPU = HostCpuProbe.DEVICE_TYPE;
    public static final String REPLAY = ReplayProbe.DEVICE_TYPE;

    private final DeviceConfig device;
    private final MeasurementStore store;
    private final LatencyProbe probe;
    /** Tables read so far, by preset; a missing one is looked for again on the next prediction. */
    private final Map<String, LookupTableProbe> tables = new ConcurrentHashMap<>();

    public DeviceProbes(DeviceConfig device, MeasurementStore store) {
        this.device = device;
        this.store = store;
        this.probe = switch (device.probe()) {
            case HOST_CPU -> new HostCpuProbe(device.threads(), TimingPlan.standard(),
                    referenceMs(device.referenceMs()));
            case REPLAY -> ReplayProbe.load(replayFile(device), device.replay().column().orElseThrow(() ->
                    new IllegalStateException("nas.device.replay.column is required for a replay device")));
            default -> throw new IllegalStateException("nas.device.probe must be " + HOST_CPU + " or " + REPLAY
                    + ", was '" + device.probe() + "'");
        };
    }

    public LatencyProbe probe() {
        return probe;
    }

    /** A recorded farm answers from its record; it neither builds networks nor predicts. */
    public boolean replays() {
        return probe instanceof ReplayProbe;
    }

    /** The lookup table's prediction for this device type and preset; empty when no table was built. */
    public Optional<LatencyMeasurement> predict(String preset, ProbeRequest request) throws Exception {
        LookupTableProbe table = tables.get(preset);
        if (table == null) {
            Optional<String> json = store.lookupTable(device.type(), preset);
            if (json.isEmpty()) {
                return Optional.empty();
            }
            table = new LookupTableProbe(LatencyTable.fromJson(json.get()));
            tables.put(preset, table);
        }
        return Optional.of(table.measure(request));
    }

    /** The configured speed reference's p50, refused at start-up unless it is a positive number of milliseconds. */
    static OptionalDouble referenceMs(OptionalDouble configured) {
        if (configured.isPresent() && !(configured.getAsDouble() > 0.0)) {
            throw new IllegalStateException("nas.device.reference-ms must be > 0 ms, was " + configured.getAsDouble()
                    + ": set it to the speed reference p50 that ./nas latency build-lut prints, or leave it unset");
        }
        return configured;
    }

    private static Path replayFile(DeviceConfig device) {
        Path file = Path.of(device.replay().file().orElseThrow(() ->
                new IllegalStateException("nas.device.replay.file is required for a replay device")));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("nas.device.replay.file " + file.toAbsolutePath() + " does not exist");
        }
        return file;
    }
}
