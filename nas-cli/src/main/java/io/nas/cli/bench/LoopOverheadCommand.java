package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.NasCommand;
import io.nas.cli.api.NasApi;
import io.nas.cli.local.LocalDeployment;
import io.nas.contract.event.ExperimentSpec;
import io.nas.search.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nas bench loop-overhead}: what the distributed loop costs between trials. One random-search experiment of N
 * trials runs through the real broker, database, sampler, reward service and latency farm, with K tabular trainers
 * that sleep each trial's simulated training time scaled so that the mean trial takes {@code --trial-seconds} of
 * wall time. The minimum is the sum of those sleeps over K; the overhead is wall time over that minimum, less 1. A
 * short warm-up experiment runs first, so a freshly started JVM's first-use costs are not charged to the loop.
 */
@Command(name = "loop-overhead", mixinStandardHelpOptions = true,
        description = "Runs N fixed-duration trials (tabular trainers sleeping the simulated time, scaled) with K "
                + "trainers through the real services and prints wall time against the minimum (the trials' sleeps "
                + "/ K) and the overhead ratio (goal <= 3%%; Ray Tune documents 14%%).")
public class LoopOverheadCommand implements Callable<Integer> {

    private static final long POLL_MILLIS = 50;

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", defaultValue = "600", description = "Trials (default: ${DEFAULT-VALUE}; Ray Tune's "
            + "figure is for 10,000).")
    int trials;

    @Option(names = "--trainers", defaultValue = "2", description = "Trainer replicas (default: ${DEFAULT-VALUE}).")
    int trainers;

    @Option(names = "--trial-seconds", defaultValue = "1.0",
            description = "Mean wall seconds of a trial (default: ${DEFAULT-VALUE}).")
    double trialSeconds;

    @Option(names = "--in-flight", description = "Trials in flight (default: twice the trainers, so none waits).")
    Integer inFlight;

    @Option(names = "--warmup-trials", description = "Trials of a separate experiment run first and not measured, so "
            + "that the services' first-use costs (class loading, JIT, connections) are not counted as loop overhead "
            + "(default: 4 per trainer; 0 measures a cold start).")
    Integer warmupTrials;

    @Option(names = "--table", description = "The NAS-Bench-201 table (default: shared/bench/nb201/search.csv beside "
            + "the repository).")
    Path table;

    @Option(names = "--work-dir", description = "Where the broker, S3 server and service logs live (default: "
            + "target/nas-bench-loop-overhead/<time>).")
    Path workDir;

    @Option(names = "--json", description = "End with one line holding overhead, wallSeconds and minimumSeconds.")
    boolean json;

    /** The figures of one run. */
    public record Result(int trials, int trainers, double timeScale, double wallSeconds, double minimumSeconds,
                         double overhead) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Nb201Table cells;
        try {
            if (trials < 1 || trainers < 1 || !(trialSeconds > 0) || inFlight != null && inFlight < 1) {
                throw new IllegalArgumentException("--trials, --trainers and --in-flight must be >= 1 and "
                        + "--trial-seconds > 0");
            }
            if (warmupTrials != null && warmupTrials < 0) {
                throw new IllegalArgumentException("--warmup-trials must be >= 0");
            }
            cells = Nb201Table.read(table != null ? table : Nb201Table.defaultFile());
            if (Double.isNaN(cells.meanTrialSeconds())) {
                throw new IllegalArgumentException(cells.file() + " has no train_sec_per_epoch column");
            }
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return NasCommand.INPUT_ERROR;
        }
        if (!Nb201Experiments.databaseReady(spec, out)) {
            return 1;
        }
        Path work = Nb201Experiments.workDir(workDir, "loop-overhead");
        double timeScale = trialSeconds / cells.meanTrialSeconds();
        int window = inFlight != null ? inFlight : 2 * trainers;
        ProgressLine.print(out, "bench loop-overhead: %d trials of about %.2f s with %d trainer(s), %d in flight "
                + "(time scale %.5f)", trials, trialSeconds, trainers, window, timeScale);
        Result result;
        try (LocalDeployment deployment = LocalDeployment.start(LocalDeployment.Plan.nb201(work, trainers,
                cells.file(), timeScale, "pixel3", "pixel3_ms"), out)) {
            NasApi api = new NasApi(deployment.samplerUrl(), deployment.rewardUrl(), deployment.apiKey());
            int warmup = warmupTrials != null ? warmupTrials : 4 * trainers;
            if (warmup > 0) {
                Result warm = run(api, "bench-loop-overhead-warmup", warmup, timeScale, window, out);
                ProgressLine.print(out, "warm-up: %d trials in %.2f s (overhead %.1f%%, not counted)", warmup,
                        warm.wallSeconds(), 100 * warm.overhead());
            }
            result = run(api, "bench-loop-overhead", trials, timeScale, window, out);
        }
        ProgressLine.print(out, "wall %.2f s, minimum %.2f s (the trials' sleeps / %d trainers): overhead %.2f%% "
                + "(goal <= 3%%; Ray Tune: 715 s against 625 s, 14%%)", result.wallSeconds(), result.minimumSeconds(),
                trainers, 100 * result.overhead());
        if (json) {
            out.println(new ObjectMapper().valueToTree(result).toString());
        }
        out.flush();
        return 0;
    }

    private Result run(NasApi api, String name, int trials, double timeScale, int window, PrintWriter out)
            throws IOException, InterruptedException {
        // Random search keeps the sampler's work the same for every trial.
        ExperimentSpec experiment = Nb201Experiments.spec(name, Strategies.RANDOM, null, 1L, "pixel3", null, "soft",
                trials, null, window);
        long begin = System.nanoTime();
        String id = api.createExperiment(experiment).get("id").asText();
        long[] lastReport = {begin};
        Nb201Experiments.awaitDone(api, id, POLL_MILLIS, status -> {
            if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                lastReport[0] = System.nanoTime();
                ProgressLine.print(out, "  %d/%d trials done, %.0f s", status.path("completed").asInt()
                        + status.path("failed").asInt(), trials, (lastReport[0] - begin) / 1e9);
            }
        });
        double wall = (System.nanoTime() - begin) / 1e9;
        double slept = 0;
        for (JsonNode result : api.results(id)) {
            // As the trainer sleeps: whole milliseconds.
            slept += Math.round(result.path("trainingSeconds").asDouble(0.0) * timeScale * 1000) / 1000.0;
        }
        double minimum = slept / trainers;
        return new Result(trials, trainers, timeScale, wall, minimum, wall / minimum - 1);
    }
}
