package io.nas.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.NasCommand;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaces;
import io.nas.model.DjlRuntime;
import io.nas.model.latency.HostCpuProbe;
import io.nas.model.latency.InferenceTimer;
import io.nas.model.latency.LatencyMeasurement;
import io.nas.model.latency.LatencyStatistics;
import io.nas.model.latency.ProbeRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code nas bench latency-repeatability}: how repeatable {@code host-cpu} measurements are. Each of N random
 * architectures is measured {@code --repeats} times (each time built afresh); the figure is the coefficient of
 * variation of its p50 over the repeats (goal <= 2% for each), and the seconds one measurement costs.
 */
@Command(name = "latency-repeatability", mixinStandardHelpOptions = true,
        description = "Measures random architectures repeatedly on this CPU (host-cpu probe) and reports the "
                + "coefficient of variation of p50 over the repeats (goal <= 2%%) and the seconds per measurement.")
public class LatencyRepeatabilityCommand implements Callable<Integer> {

    static final double GOAL_CV = 0.02;

    @Spec
    CommandSpec spec;

    @Option(names = "--models", defaultValue = "20", description = "Random architectures (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--repeats", defaultValue = "5", description = "Measurements of each (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the architectures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--preset", defaultValue = "mnasnet-cpu",
            description = "MnasNet search-space preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--json", description = "End with one line holding the figures as a JSON object.")
    boolean json;

    /** The figures of one run. */
    public record Result(String preset, int models, int repeats, int threads, String allowedCpus, double maxCv,
                         double medianCv, int modelsWithinGoal, double secondsPerMeasurement) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MnasSearchSpace space;
        try {
            if (models < 1 || repeats < 2 || threads < 1) {
                throw new IllegalArgumentException("--models and --threads must be >= 1 and --repeats >= 2");
            }
            space = SearchSpaces.mnas(preset);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        DjlRuntime.init(threads);
        HostCpuProbe probe = new HostCpuProbe(threads, io.nas.model.latency.TimingPlan.standard());
        ProgressLine.print(out, "host-cpu, %d PyTorch threads, CPUs allowed: %s; %d %s architectures x %d repeats",
                threads, HostCpuProbe.allowedCpus(), models, preset, repeats);
        ProgressLine.print(out, "speed reference %s: p50 %.3f ms; timings are on its scale",
                InferenceTimer.referenceArchitecture(), probe.referenceMs());
        Random random = new Random(seed);
        double[] cvs = new double[models];
        long start = System.nanoTime();
        for (int m = 0; m < models; m++) {
            String canonical = space.canonical(space.decisions().stream().map(d -> random.nextInt(d.size())).toList());
            ProbeRequest request = ProbeRequest.of(canonical, space.spec(), null);
            double[] p50 = new double[repeats];
            int runs = 0;
            for (int r = 0; r < repeats; r++) {
                LatencyMeasurement measurement = probe.measure(request);
                p50[r] = measurement.p50Ms();
                runs += measurement.runs();
            }
            cvs[m] = LatencyStatistics.coefficientOfVariation(p50);
            ProgressLine.print(out, "model %d/%d: p50 %.3f ms (%s), CV %.2f%%%s, %d runs per measurement  %s",
                    m + 1, models, LatencyStatistics.median(p50), Arrays.stream(p50)
                            .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).collect(Collectors.joining(" ")),
                    100 * cvs[m], cvs[m] <= GOAL_CV ? "" : " (over goal)", runs / repeats, canonical);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / ((double) models * repeats);
        Result result = new Result(preset, models, repeats, threads, HostCpuProbe.allowedCpus(),
                Arrays.stream(cvs).max().orElseThrow(), LatencyStatistics.median(cvs),
                (int) Arrays.stream(cvs).filter(cv -> cv <= GOAL_CV).count(), seconds);
        out.printf(Locale.ROOT, "p50 CV: max %.2f%%, median %.2f%%; %d/%d models within %.0f%%%n",
                100 * result.maxCv(), 100 * result.medianCv(), result.modelsWithinGoal(), models, 100 * GOAL_CV);
        out.printf(Locale.ROOT, "seconds per measurement: %.2f%n", seconds);
        if (json) {
            out.println(new ObjectMapper().valueToTree(result).toString());
        }
        out.flush();
        return 0;
    }
}
