package io.nas.cli;

import io.nas.cli.bench.LatencyPredictorCommand;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.model.DjlRuntime;
import io.nas.model.latency.HostCpuProbe;
import io.nas.model.latency.LatencyTable;
import io.nas.model.latency.TimingPlan;
import io.nas.storage.LookupTables;
import io.nas.storage.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code nas latency build-lut}: measures a device's per-layer lookup table for one search-space preset and stores it
 * in the object store, where the latency farms of that device type load it for experiments that ask for predicted
 * latency; optionally also as a file. The store is checked before the measuring starts, so a wrong endpoint fails in
 * a second, not after minutes of measuring.
 */
@Command(name = "build-lut", mixinStandardHelpOptions = true,
        description = "Measures every layer configuration, the stem and the heads of a preset on a device and stores "
                + "the lookup table (JSON) in the object store, where the latency farms load it.")
public class BuildLutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--device", defaultValue = HostCpuProbe.DEVICE_TYPE,
            description = "Device type to measure on; only host-cpu here (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--preset", defaultValue = "mnasnet-cpu",
            description = "MnasNet search-space preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to this file.")
    Path outFile;

    @Option(names = "--no-upload", description = "Do not store the table in the object store (needs --out).")
    boolean noUpload;

    @Mixin
    ObjectStoreOptions objectStore;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SearchSpaceSpec space;
        try {
            if (!HostCpuProbe.DEVICE_TYPE.equals(device)) {
                throw new IllegalArgumentException("--device must be " + HostCpuProbe.DEVICE_TYPE
                        + " (other devices build their table on their own host), was " + device);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
            }
            if (noUpload && outFile == null) {
                throw new IllegalArgumentException("--no-upload needs --out FILE, or the table would be lost");
            }
            space = SearchSpaceSpec.preset(preset);
            LatencyTable.entries(space);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        ObjectStore store = noUpload ? null : objectStore.connect();
        if (store != null) {
            try {
                store.ensureBucket();
            } catch (Exception e) {
                spec.commandLine().getErr().printf("%s: the object store at %s cannot be reached (%s); start it, point "
                        + "--s3-endpoint at it, or measure to a file with --no-upload --out FILE%n",
                        spec.qualifiedName(), objectStore.endpoint(), e.getMessage());
                return NasCommand.INPUT_ERROR;
            }
        }
        DjlRuntime.init(threads);
        out.printf(Locale.ROOT, "%s, %d PyTorch threads, CPUs allowed: %s; preset %s%n", device, threads,
                HostCpuProbe.allowedCpus(), preset);
        LatencyTable table = LatencyPredictorCommand.buildTable(out, space, threads);
        out.printf(Locale.ROOT, "measured %d entries and the network factor %.3f in %.1f s%n", table.size(),
                table.networkFactor(), table.buildSeconds());
        // The entries are on this process's calibration of the speed reference; replicas calibrate their own.
        double referenceMs = new HostCpuProbe(threads, TimingPlan.standard()).referenceMs();
        out.printf(Locale.ROOT, "timings are on the scale of the speed reference at p50 %.3f ms: give the %s "
                + "replicas nas.device.reference-ms=%.3f so that their measurements share it%n", referenceMs, device,
                referenceMs);
        if (outFile != null) {
            Path parent = outFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(outFile, table.toJson());
            out.printf(Locale.ROOT, "wrote %s%n", outFile);
        }
        if (store != null) {
            out.printf(Locale.ROOT, "stored %s%n", store.putText(LookupTables.key(device, preset), table.toJson()));
        }
        out.flush();
        return 0;
    }
}
