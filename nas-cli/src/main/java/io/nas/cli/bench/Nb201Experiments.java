package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.nas.cli.api.NasApi;
import io.nas.cli.local.PostgresServer;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.space.SearchSpaceSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What the benchmarks on the real services share: their experiments, deployment prerequisites and the wait for DONE. */
final class Nb201Experiments {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final TrainingSpec TABULAR = new TrainingSpec("tabular", "cifar10-valid", null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    private Nb201Experiments() {
    }

    /**
     * An experiment on the {@code nb201} preset answered by the tabular trainers. Without a latency target the reward
     * is MnasNet's with both exponents 0, i.e. the accuracy itself.
     */
    static ExperimentSpec spec(String name, String strategy, Map<String, Object> settings, long seed, String deviceType,
                               Double latencyTarget, String constraint, Integer maxTrials, Double budget,
                               int inFlight) {
        boolean accuracyOnly = latencyTarget == null;
        return new ExperimentSpec(name, SearchSpaceSpec.preset("nb201"), deviceType,
                accuracyOnly ? 1.0 : latencyTarget, List.of(), constraint, accuracyOnly ? 0.0 : null,
                accuracyOnly ? 0.0 : null, TABULAR, maxTrials, budget, inFlight, strategy, settings, seed);
    }

    /** False, with the reason on the command's error stream, when PostgreSQL neither answers nor starts. */
    static boolean databaseReady(CommandSpec spec, PrintWriter out) throws InterruptedException {
        if (PostgresServer.ensureRunning(out)) {
            return true;
        }
        spec.commandLine().getErr().println(spec.qualifiedName() + ": PostgreSQL does not answer on 127.0.0.1:5432 "
                + "and could not be started");
        return false;
    }

    /** The given directory, else {@code target/nas-bench-<name>/<time>}; created, absolute. */
    static Path workDir(Path given, String name) throws IOException {
        Path work = (given != null ? given
                : Path.of("target", "nas-bench-" + name, LocalDateTime.now().format(STAMP))).toAbsolutePath();
        return Files.createDirectories(work);
    }

    /**
     * Polls the experiment every {@code pollMillis} until it is DONE and answers its last status; each status on the
     * way goes to {@code progress}. An experiment that ends otherwise is an error.
     */
    static JsonNode awaitDone(NasApi api, String id, long pollMillis, Consumer<JsonNode> progress)
            throws IOException, InterruptedException {
        JsonNode status = api.experiment(id);
        while (!"DONE".equals(status.path("state").asText())) {
            String state = status.path("state").asText();
            if (!"RUNNING".equals(state) && !"CREATED".equals(state)) {
                throw new IOException("experiment " + id + " ended " + state);
            }
            progress.accept(status);
            Thread.sleep(pollMillis);
            status = api.experiment(id);
        }
        return status;
    }
}
