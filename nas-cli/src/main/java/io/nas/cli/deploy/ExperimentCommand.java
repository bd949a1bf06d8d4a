package io.nas.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nas.cli.NasCommand;
import io.nas.cli.api.NasApi;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nas experiment create|status|results|stop} against a running deployment's REST APIs. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Creates, inspects and stops experiments of a running deployment.",
        subcommands = {ExperimentCommand.Create.class, ExperimentCommand.Status.class, ExperimentCommand.Results.class,
                ExperimentCommand.Stop.class})
public class ExperimentCommand {

    /** Runs a call and turns a refusal or an unreachable service into a message and exit code 1. */
    abstract static class ApiCall implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DeploymentOptions deployment;

        @Override
        public Integer call() throws Exception {
            try {
                return run(deployment.api(), spec.commandLine().getOut());
            } catch (NasApi.ApiException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                return 1;
            } finally {
                spec.commandLine().getOut().flush();
            }
        }

        abstract int run(NasApi api, PrintWriter out) throws Exception;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates an experiment from an ExperimentSpec JSON file (fields as in docs/asyncapi.yaml).")
    static class Create extends ApiCall {

        @Parameters(paramLabel = "SPEC.json", description = "The experiment spec.")
        Path file;

        @Override
        int run(NasApi api, PrintWriter out) throws Exception {
            ExperimentSpec experiment;
            try {
                experiment = EventJson.read(Files.readString(file), ExperimentSpec.class);
            } catch (RuntimeException | java.io.IOException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + file + " is not an ExperimentSpec: "
                        + e.getMessage());
                return NasCommand.INPUT_ERROR;
            }
            JsonNode created = api.createExperiment(experiment);
            out.println(created.path("id").asText());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "An experiment's state and progress.")
    static class Status extends ApiCall {

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "Print the sampler's answer as JSON.")
        boolean json;

        @Override
        int run(NasApi api, PrintWriter out) throws Exception {
            JsonNode status = api.experiment(id);
            if (json) {
                out.println(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(status));
                return 0;
            }
            out.printf(Locale.ROOT, "%s %s (%s): %d proposed, %d completed, %d failed, %d in flight, policy v%d%n",
                    id, status.path("state").asText(), status.path("strategy").asText(), status.path("proposed").asInt(),
                    status.path("completed").asInt(), status.path("failed").asInt(), status.path("inFlight").asInt(),
                    status.path("policyVersion").asLong());
            JsonNode best = status.path("best");
            if (best.isObject()) {
                out.printf(Locale.ROOT, "best %s: reward %.4f, accuracy %.2f%%, latency %.4f ms: %s%n",
                        best.path("trialId").asText(), best.path("reward").asDouble(),
                        100 * best.path("accuracy").asDouble(), best.path("latencyMs").asDouble(),
                        best.path("architecture").asText());
            }
            return 0;
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true,
            description = "An experiment's closed trials, from the reward service.")
    static class Results extends ApiCall {

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "Print the results as a JSON array.")
        boolean json;

        @Override
        int run(NasApi api, PrintWriter out) throws Exception {
            JsonNode results = api.results(id);
            if (json) {
                out.println(EventJson.mapper().writeValueAsString(results));
                return 0;
            }
            out.printf(Locale.ROOT, "%-5s %-8s %9s %11s %8s %6s  %s%n", "seq", "status", "accuracy", "latency ms",
                    "reward", "pareto", "architecture");
            for (JsonNode result : results) {
                out.printf(Locale.ROOT, "%-5s %-8s %8.2f%% %11.4f %8.4f %6s  %s%n", result.path("seq").asText(),
                        result.path("status").asText(), 100 * result.path("accuracy").asDouble(),
                        result.path("latencyMs").asDouble(), result.path("reward").asDouble(),
                        result.path("pareto").asBoolean() ? "yes" : "", result.path("architecture").asText());
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops an experiment: no more proposals; trials in flight still report.")
    static class Stop extends ApiCall {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(NasApi api, PrintWriter out) throws Exception {
            out.printf(Locale.ROOT, "%s %s%n", id, api.stopExperiment(id).path("state").asText());
            return 0;
        }
    }
}
