package io.nas.cli.local;

import io.nas.cli.CapturedCommand;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.model.data.FashionMnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The commands against a running deployment ({@code experiment create|status|results|stop}, {@code results tail},
 * {@code export}), on the deployment {@code ./nas local} starts: real services, broker, S3 server and database.
 */
class DeploymentCommandsIT {

    @TempDir
    static Path work;

    private static LocalDeployment deployment;

    @BeforeAll
    static void start() {
        LocalDeployment.CpuPlan cpus = LocalDeployment.CpuPlan.of(Runtime.getRuntime().availableProcessors(), 1,
                LocalDeployment.canPin());
        deployment = LocalDeployment.start(new LocalDeployment.Plan(work.resolve("deployment"), 1,
                FashionMnist.DEFAULT_DIRECTORY, cpus), new PrintWriter(new StringWriter()));
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void anExperimentIsCreatedFollowedReadExportedAndItsResultsTailed() throws Exception {
        Path spec = work.resolve("spec.json");
        Files.writeString(spec, EventJson.write(tinySpec()));

        CapturedCommand refused = CapturedCommand.nas();
        assertThat(refused.run(api("experiment", "create", spec.toString(), "--api-key", "wrong"))).isEqualTo(1);
        assertThat(refused.err()).contains("401");

        CapturedCommand create = CapturedCommand.nas();
        assertThat(create.run(api("experiment", "create", spec.toString()))).isZero();
        String id = create.out().trim();
        assertThat(id).startsWith("exp-");

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            CapturedCommand status = CapturedCommand.nas();
            status.run(api("experiment", "status", id));
            return status.out().contains(id + " DONE");
        });
        CapturedCommand status = CapturedCommand.nas();
        assertThat(status.run(api("experiment", "status", id))).isZero();
        assertThat(status.out()).contains("2 proposed", "best " + id + "-");

        CapturedCommand results = CapturedCommand.nas();
        assertThat(results.run(api("experiment", "results", id))).isZero();
        assertThat(results.out().lines().filter(line -> line.matches("^[12] +OK .*"))).hasSize(2);

        CapturedCommand tail = CapturedCommand.nas();
        assertThat(tail.run("results", "tail", "--bootstrap-servers", deployment.bootstrapServers(),
                "--experiment", id, "--from-beginning", "--max", "2")).isZero();
        assertThat(tail.out().lines()).hasSize(2).allMatch(line -> line.startsWith(id + "-") && line.contains(" OK "));

        String best = status.out().lines().filter(line -> line.startsWith("best ")).findFirst().orElseThrow()
                .split(" ")[1].replace(":", "");
        Path exported = work.resolve("export");
        CapturedCommand export = CapturedCommand.nas();
        assertThat(export.run("export", "--trial", best, "--out", exported.toString(),
                "--s3-endpoint", deployment.s3().endpoint(), "--s3-access-key", deployment.s3().accessKey(),
                "--s3-secret-key", deployment.s3().secretKey(), "--bucket", LocalDeployment.BUCKET)).isZero();
        assertThat(exported.resolve("final.params")).isNotEmptyFile();
        assertThat(Files.readString(exported.resolve("architecture.txt"))).contains("_k");
        assertThat(exported.resolve("metrics.json")).isNotEmptyFile();

        CapturedCommand stop = CapturedCommand.nas();
        assertThat(stop.run(api("experiment", "stop", id))).isEqualTo(1);
        assertThat(stop.err()).contains("409");
    }

    private static String[] api(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--api-key")) {
            all.addAll(List.of("--api-key", deployment.apiKey()));
        }
        all.addAll(List.of("--sampler-url", deployment.samplerUrl(), "--reward-url", deployment.rewardUrl()));
        return all.toArray(String[]::new);
    }

    private static ExperimentSpec tinySpec() {
        TrainingSpec training = new TrainingSpec("djl", "fashion-mnist", 1, 1, 64, 28, 28, 0.0, 0.0, 0.0, 0.0, 0.0,
                0.0, 256, 200, "relu", 3L);
        return new ExperimentSpec("deployment-commands", SearchSpaceSpec.preset("mnasnet-cpu"), "host-cpu", 2.0,
                List.of(), "soft", null, null, training, 2, null, 2, "random", Map.of(), 3L, LatencyMethod.MEASURED,
                null);
    }
}
