package io.nas.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.nas.cli.NasCommand;
import io.nas.cli.api.NasApi;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.space.SearchSpaceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code nas local}: a real small search on this machine, nothing set up by hand. Starts Kafka, an S3 server, a
 * database on the machine's PostgreSQL (starting it when it is down) and the four services as processes, creates an
 * experiment on Fashion-MNIST (the CPU-sized MnasNet space, latency measured on this CPU, progressive training),
 * shows progress until the budget is spent, prints the Pareto front and the best checkpoint, and stops everything.
 * Ctrl-C stops everything too.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Runs a real small search on this machine: Kafka, S3, PostgreSQL and the four services as "
                + "processes, a Fashion-MNIST experiment with latency measured on this CPU, live progress, then the "
                + "Pareto front. Stops everything it started when done or on Ctrl-C.")
public class LocalCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", defaultValue = "12", description = "Trials of the search (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--trainers", defaultValue = "1",
            description = "Trainer replicas (default: ${DEFAULT-VALUE}; they share the CPUs the latency farm leaves).")
    int trainers;

    @Option(names = "--in-flight", description = "Trials trained at once (default: trainers + 1, so a trainer "
            + "never waits).")
    Integer inFlight;

    @Option(names = "--strategy", defaultValue = "ppo",
            description = "ppo, reinforce, evolution or random (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--target-ms", defaultValue = "2.0",
            description = "Target latency T on this CPU in milliseconds for the soft MnasNet reward "
                    + "(default: ${DEFAULT-VALUE}).")
    double targetMs;

    @Option(names = "--device", defaultValue = "host-cpu",
            description = "Latency device: host-cpu, this machine's CPU (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--train-examples", defaultValue = "8192",
            description = "Training images per trial (default: ${DEFAULT-VALUE}).")
    int trainExamples;

    @Option(names = "--stages", defaultValue = "3",
            description = "Progressive stages, 16 px to 28 px (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the search (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Fashion-MNIST idx files (Debian's dataset-fashion-mnist; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--work-dir", description = "Logs, Kafka and S3 data (default: target/nas-local/<time>).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = checkOptions();
        if (problem != null) {
            err.println(spec.qualifiedName() + ": " + problem);
            return NasCommand.INPUT_ERROR;
        }
        Instant begin = Instant.now();
        Path work = (workDir != null ? workDir : Path.of("target", "nas-local",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        Files.createDirectories(work);
        int cpus = Runtime.getRuntime().availableProcessors();
        LocalDeployment.CpuPlan cpuPlan = LocalDeployment.CpuPlan.of(cpus, trainers, LocalDeployment.canPin());
        out.printf(Locale.ROOT, "nas local: %d trials of %s on Fashion-MNIST, latency on %s (%d CPUs), work dir %s%n",
                trials, strategy, device, cpus, work);
        out.flush();
        if (!PostgresServer.ensureRunning(out)) {
            err.println(spec.qualifiedName() + ": PostgreSQL does not answer on 127.0.0.1:5432 and could not be "
                    + "started; start it (pg_ctlcluster --skip-systemctl-redirect <version> main start) and retry");
            return 1;
        }
        AtomicBoolean finished = new AtomicBoolean();
        LocalDeployment deployment = LocalDeployment.start(new LocalDeployment.Plan(work, trainers, dataDir, cpuPlan),
                out);
        Thread onInterrupt = new Thread(() -> {
            if (!finished.get()) {
                System.out.println("\nnas local: interrupted; stopping everything it started...");
                deployment.close();
            }
        }, "nas-local-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            NasApi api = new NasApi(deployment.samplerUrl(), deployment.rewardUrl(), deployment.apiKey());
            String experiment = api.createExperiment(experimentSpec()).get("id").asText();
            out.printf(Locale.ROOT, "  experiment %s created; sampler %s, reward %s%n", experiment,
                    deployment.samplerUrl(), deployment.rewardUrl());
            out.flush();
            JsonNode status = follow(api, experiment, deployment, begin, out);
            printSummary(api, experiment, status, deployment, out);
        } finally {
            out.println("  stopping everything...");
            out.flush();
            deployment.close();
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C during the last lines: the hook runs and finds everything stopped.
            }
        }
        out.printf(Locale.ROOT, "nas local: done in %s; logs and data in %s%n", elapsed(begin), work);
        out.flush();
        return 0;
    }

    private String checkOptions() {
        if (trials < 1) {
            return "--trials must be >= 1, was " + trials;
        }
        if (trainers < 1) {
            return "--trainers must be >= 1, was " + trainers;
        }
        if (inFlight != null && inFlight < 1) {
            return "--in-flight must be >= 1, was " + inFlight;
        }
        if (!List.of("ppo", "reinforce", "evolution", "random").contains(strategy)) {
            return "--strategy must be ppo, reinforce, evolution or random, was " + strategy;
        }
        if (!(targetMs > 0)) {
            return "--target-ms must be > 0, was " + targetMs;
        }
        if (!"host-cpu".equals(device)) {
            return "--device must be host-cpu (this machine's CPU), was " + device;
        }
        if (stages < 1 || trainExamples < 64) {
            return "--stages must be >= 1 and --train-examples >= 64";
        }
        if (!Files.isRegularFile(dataDir.resolve("train-images-idx3-ubyte.gz"))) {
            return "no Fashion-MNIST in " + dataDir + ": apt-get install dataset-fashion-mnist, or point --data-dir "
                    + "at a directory with train-images-idx3-ubyte.gz and its three siblings";
        }
        return null;
    }

    private ExperimentSpec experimentSpec() {
        TrainingSpec training = new TrainingSpec("djl", "fashion-mnist", stages, 1, 64, 16, 28, 0.0, 0.2, 0.0, 4.0,
                0.0, 0.1, trainExamples, 1000, "relu", seed);
        Map<String, Object> settings = switch (strategy) {
            case "ppo", "reinforce" -> Map.of("batchSize", Math.max(2, Math.min(5, trials / 3)));
            case "evolution" -> Map.of("populationSize", Math.max(2, Math.min(20, trials / 2)),
                    "sampleSize", Math.max(2, Math.min(5, trials / 4)));
            default -> Map.of();
        };
        int flight = inFlight != null ? inFlight : trainers + 1;
        return new ExperimentSpec("nas local", SearchSpaceSpec.preset("mnasnet-cpu"), device, targetMs, List.of(),
                "soft", null, null, training, trials, null, flight, strategy, settings, seed, LatencyMethod.MEASURED,
                null);
    }

    /** Prints a line whenever the picture changes, until the experiment is done or stopped. */
    private JsonNode follow(NasApi api, String experiment, LocalDeployment deployment, Instant begin,
                            PrintWriter out) throws IOException, InterruptedException {
        String last = "";
        try (TrainerActivity activity = new TrainerActivity(deployment.bootstrapServers())) {
            while (true) {
                activity.poll();
                JsonNode status = api.experiment(experiment);
                String state = status.path("state").asText();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d/%d trials done",
                        status.path("completed").asInt() + status.path("failed").asInt(), trials));
                if (status.path("failed").asInt() > 0) {
                    line.append(String.format(Locale.ROOT, " (%d failed)", status.path("failed").asInt()));
                }
                JsonNode best = status.path("best");
                if (best.isObject()) {
                    line.append(String.format(Locale.ROOT, " | best reward %.4f: %.1f%% at %.3f ms", best.path("reward")
                            .asDouble(), 100 * best.path("accuracy").asDouble(), best.path("latencyMs").asDouble()));
                }
                for (String trainer : activity.lines()) {
                    line.append(" | ").append(trainer);
                }
                if (!line.toString().equals(last)) {
                    out.printf(Locale.ROOT, "  [%s] %s%n", elapsed(begin), line);
                    out.flush();
                    last = line.toString();
                }
                if ("DONE".equals(state) || "STOPPED".equals(state)) {
                    return status;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private void printSummary(NasApi api, String experiment, JsonNode status, LocalDeployment deployment,
                              PrintWriter out) throws IOException, InterruptedException {
        JsonNode results = api.results(experiment);
        List<JsonNode> front = new ArrayList<>();
        for (JsonNode devicesFront : api.pareto(experiment, device)) {
            devicesFront.path("points").forEach(front::add);
        }
        out.printf(Locale.ROOT, "%nPareto front on %s (accuracy against latency), %d of %d trials:%n", device,
                front.size(), results.size());
        out.printf(Locale.ROOT, "  %-6s %9s %11s %8s  %s%n", "trial", "accuracy", "latency ms", "reward",
                "architecture");
        for (JsonNode point : front) {
            JsonNode result = find(results, point.path("trialId").asText());
            out.printf(Locale.ROOT, "  %-6s %8.2f%% %11.4f %8.4f  %s%n", result.path("seq").asText(),
                    100 * point.path("accuracy").asDouble(), point.path("latencyMs").asDouble(),
                    result.path("reward").asDouble(), result.path("architecture").asText());
        }
        JsonNode best = status.path("best");
        if (best.isObject()) {
            JsonNode result = find(results, best.path("trialId").asText());
            String uri = result.path("checkpointUri").asText();
            out.printf(Locale.ROOT, "%nBest trial %s: reward %.4f, accuracy %.2f%%, %.4f ms on %s%n",
                    best.path("trialId").asText(), best.path("reward").asDouble(), 100 * best.path("accuracy").asDouble(),
                    best.path("latencyMs").asDouble(), device);
            out.printf(Locale.ROOT, "  checkpoint %s%n", uri);
            String prefix = "s3://" + LocalDeployment.BUCKET + "/";
            if (uri.startsWith(prefix)) {
                out.printf(Locale.ROOT, "  on disk    %s%n", deployment.objectFile(uri.substring(prefix.length())));
            }
        } else {
            out.println("\nNo trial completed: see the logs.");
        }
        out.flush();
    }

    private static JsonNode find(JsonNode results, String trialId) {
        for (JsonNode result : results) {
            if (trialId.equals(result.path("trialId").asText())) {
                return result;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String elapsed(Instant begin) {
        long seconds = Duration.between(begin, Instant.now()).toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
