package io.nas.cli;

import io.nas.contract.space.SearchSpaceSpec;
import io.nas.cli.bench.LatencyPredictorCommand;
import io.nas.model.DjlRuntime;
import io.nas.model.latency.HostCpuProbe;
import io.nas.model.latency.LatencyTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code nas latency build-lut}: measures a device's per-layer lookup table for one search-space preset and writes it
 * as JSON (the latency service loads it from the object store for experiments that ask for prediction).
 */
@Command(name = "build-lut", mixinStandardHelpOptions = true,
        description = "Measures every layer configuration, the stem and the heads of a preset on a device and writes "
                + "the lookup table as JSON.")
public class BuildLutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--device", defaultValue = HostCpuProbe.DEVICE_TYPE,
            description = "Device type to measure on; only host-cpu here (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--preset", defaultValue = "mnasnet-cpu",
            description = "MnasNet search-space preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the table.")
    Path outFile;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws IOException {
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
            space = SearchSpaceSpec.preset(preset);
            LatencyTable.entries(space);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        DjlRuntime.init(threads);
        out.printf(Locale.ROOT, "%s, %d PyTorch threads, CPUs allowed: %s; preset %s%n", device, threads,
                HostCpuProbe.allowedCpus(), preset);
        LatencyTable table = LatencyPredictorCommand.buildTable(out, space, threads);
        Path parent = outFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(outFile, table.toJson());
        out.printf(Locale.ROOT, "wrote %d entries measured in %.1f s to %s%n", table.size(), table.buildSeconds(),
                outFile);
        out.flush();
        return 0;
    }
}
