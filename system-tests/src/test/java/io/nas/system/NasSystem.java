package io.nas.system;

import io.nas.contract.Topics;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import io.nas.launcher.KafkaBroker;
import io.nas.launcher.PostgresDatabase;
import io.nas.launcher.ServiceProcess;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.SharedBench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole system as packaged processes on the shared test broker and S3 server and a fresh database: the sampler,
 * the reward service, one trainer with the {@code tabular} backend and one latency farm replaying the NAS-Bench-201
 * table's {@code pixel3_ms}, so a trial costs a fraction of a second and the loop itself is what is tested.
 */
final class NasSystem implements AutoCloseable {

    static final String API_KEY = "system-test-key";
    static final Duration START = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final ServiceProcess sampler;
    final ServiceProcess reward;
    final ServiceProcess trainer;
    final ServiceProcess latency;
    private final PostgresDatabase database;

    /** @param secondsPerSimulatedSecond how long a trainer sleeps per simulated training second */
    NasSystem(double secondsPerSimulatedSecond) {
        // As compose or Helm would: every consumer finds its topic whichever service starts first.
        KafkaBroker.shared().createTopics(Topics.ALL, 3);
        database = PostgresDatabase.create("system");
        Map<String, String> infra = NasInfraResource.serviceConfig(NasInfraResource.newBucketName(), database);
        String csv = SharedBench.nb201SearchCsv().toString();
        sampler = ServiceProcess.builder("sampler-service").config(infra).jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                .config("nas.api.keys", API_KEY)
                .build();
        reward = ServiceProcess.builder("reward-service").config(infra).jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                .build();
        trainer = ServiceProcess.builder("trainer-service").config(infra).jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                .config("nas.trainer.id", "trainer-1")
                .config("nas.trainer.tabular.csv", csv)
                .config("nas.trainer.tabular.time-scale", Double.toString(secondsPerSimulatedSecond))
                .build();
        latency = ServiceProcess.builder("latency-service").config(infra).jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                .config("nas.device.type", "pixel3")
                .config("nas.device.id", "pixel-farm-1")
                .config("nas.device.probe", "replay")
                .config("nas.device.replay.file", csv)
                .config("nas.device.replay.column", "pixel3_ms")
                .build();
    }

    NasSystem start() {
        List.of(reward, sampler, trainer, latency).forEach(ServiceProcess::start);
        List.of(reward, sampler, trainer, latency).forEach(service -> service.awaitReady(START));
        return this;
    }

    /** POST /experiments with the credential; answers the new experiment's id. */
    String create(ExperimentSpec spec) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sampler.baseUrl() + "/experiments"))
                .header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(spec)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /experiments answered " + response.statusCode() + ": "
                    + response.body());
        }
        return EventJson.mapper().readTree(response.body()).get("id").asText();
    }

    /** GET /experiments/{id} of the sampler, as a JSON tree. */
    com.fasterxml.jackson.databind.JsonNode status(String experimentId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(sampler.baseUrl() + "/experiments/" + experimentId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return EventJson.mapper().readTree(response.body());
    }

    @Override
    public void close() {
        for (ServiceProcess service : List.of(sampler, trainer, latency, reward)) {
            try {
                service.close();
            } catch (RuntimeException e) {
                System.out.println("could not stop " + service + ": " + e);
            }
        }
        database.close();
    }
}
