package io.nas.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.NasCommand;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;
import io.nas.model.DjlRuntime;
import io.nas.model.latency.HostCpuProbe;
import io.nas.model.latency.InferenceTimer;
import io.nas.model.latency.LatencyTable;
import io.nas.model.latency.ProbeRequest;
import io.nas.model.latency.TimingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code nas bench latency-predictor}: how well this host's lookup table predicts measured latency. Builds the table
 * (or loads it with {@code --lut}), then for N random architectures compares the predicted p50 with the measured one;
 * the figure is the share within +-10% (goal >= 95%), with the cost of one prediction against one measurement.
 */
@Command(name = "latency-predictor", mixinStandardHelpOptions = true,
        description = "Compares the lookup-table prediction with the host-cpu measurement for random architectures: "
                + "share within +-10%% (goal >= 95%%) and seconds per prediction vs per measurement.")
public class LatencyPredictorCommand implements Callable<Integer> {

    static final double TOLERANCE = 0.10;

    @Spec
    CommandSpec spec;

    @Option(names = "--models", defaultValue = "100", description = "Random architectures (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the architectures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--preset", defaultValue = "mnasnet-cpu",
            description = "MnasNet search-space preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--lut", paramLabel = "FILE",
            description = "A table written by 'nas latency build-lut' on this host; without it one is built first.")
    Path lut;

    @Option(names = "--json", description = "End with one line holding the figures as a JSON object.")
    boolean json;

    /** The figures of one run. */
    public record Result(String preset, int models, int threads, int tableEntries, double tableBuildSeconds,
                         double withinTenPercent, double meanAbsoluteError, double secondsPerMeasurement,
                         double secondsPerPrediction) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MnasSearchSpace space;
        LatencyTable table = null;
        try {
            if (models < 1 || threads < 1) {
                throw new IllegalArgumentException("--models and --threads must be >= 1");
            }
            space = SearchSpaces.mnas(preset);
            if (lut != null) {
                table = LatencyTable.fromJson(Files.readString(lut));
                if (!table.space().equals(space.spec())) {
                    throw new IllegalArgumentException("--lut " + lut + " was built for another space: "
                            + table.space());
                }
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        DjlRuntime.init(threads);
        ProgressLine.print(out, "host-cpu, %d PyTorch threads, CPUs allowed: %s", threads, HostCpuProbe.allowedCpus());
        // The table and the measurements below share this process's calibration, so they are on one scale.
        ProgressLine.print(out, "speed reference %s: p50 %.3f ms; timings are on its scale",
                InferenceTimer.referenceArchitecture(), new HostCpuProbe(threads, TimingPlan.standard()).referenceMs());
        if (table == null) {
            table = buildTable(out, space.spec(), threads);
        } else {
            ProgressLine.print(out, "table %s: %d entries", lut, table.size());
        }
        ProgressLine.print(out, "network factor %s (whole networks over the sums of their entries)",
                table.networkFactor() == null ? "none" : String.format(Locale.ROOT, "%.3f", table.networkFactor()));
        HostCpuProbe probe = new HostCpuProbe(threads, TimingPlan.standard());
        Random random = new Random(seed);
        int within = 0;
        double absoluteError = 0.0;
        long measureNanos = 0;
        long predictNanos = 0;
        for (int m = 0; m < models; m++) {
            MnasArchitecture architecture = space.decode(space.decisions().stream()
                    .map(d -> random.nextInt(d.size())).toList());
            long start = System.nanoTime();
            double predicted = table.predict(architecture);
            predictNanos += System.nanoTime() - start;
            start = System.nanoTime();
            double measured = probe.measure(ProbeRequest.of(architecture, space.frame())).p50Ms();
            measureNanos += System.nanoTime() - start;
            double error = (predicted - measured) / measured;
            absoluteError += Math.abs(error);
            if (Math.abs(error) <= TOLERANCE) {
                within++;
            }
            ProgressLine.print(out, "model %d/%d: measured %.3f ms, predicted %.3f ms (%+.1f%%), within 10%%: %d/%d",
                    m + 1, models, measured, predicted, 100 * error, within, m + 1);
        }
        Result result = new Result(preset, models, threads, table.size(), table.buildSeconds(),
                (double) within / models, absoluteError / models, measureNanos / 1e9 / models,
                predictNanos / 1e9 / models);
        out.printf(Locale.ROOT, "within +-10%%: %.1f%% of %d (goal >= 95%%), mean |error| %.1f%%%n",
                100 * result.withinTenPercent(), models, 100 * result.meanAbsoluteError());
        out.printf(Locale.ROOT, "seconds per measurement %.3f, per prediction %.2e (%.0fx cheaper)%n",
                result.secondsPerMeasurement(), result.secondsPerPrediction(),
                result.secondsPerMeasurement() / Math.max(result.secondsPerPrediction(), 1e-12));
        if (json) {
            out.println(new ObjectMapper().valueToTree(result).toString());
        }
        out.flush();
        return 0;
    }

    /** Builds the preset's table on this host with a progress line every 5% of the entries. */
    public static LatencyTable buildTable(PrintWriter out, SearchSpaceSpec space, int threads) {
        int total = LatencyTable.entries(space).total();
        int every = Math.max(1, total / 20);
        ProgressLine.print(out, "building the lookup table: %d entries, then whole networks for its network factor",
                total);
        return LatencyTable.build(space, threads, TimingPlan.lookupTable(), p -> {
            if (p.done() % every == 0 || p.done() == p.total()) {
                ProgressLine.print(out, "table %d/%d: %s %.4f ms, %.1f s", p.done(), p.total(), p.key(), p.p50Ms(),
                        p.elapsedSeconds());
            }
        });
    }
}
