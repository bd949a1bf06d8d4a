package io.nas.trainer;

import io.nas.contract.Topics;
import io.nas.testsupport.KafkaBroker;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.ServiceProcess;
import io.nas.testsupport.TestProposals;
import io.nas.testsupport.FreePort;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged trainer as a real process: killed with SIGKILL while work waits, restarted, and the work it missed
 * is answered after the restart (the consumer group resumes from its committed offsets).
 */
class TrainerProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void answersWorkThatArrivedWhileItWasKilled() {
        KafkaBroker.shared().createTopics(List.of(Topics.PROPOSALS), 1);
        try (var trainer = ServiceProcess.builder("trainer-service")
                .config(NasInfraResource.serviceConfig(false))
                .config("nas.trainer.id", "trainer-it")
                // A SIGKILLed member holds its partitions until its session expires; static membership (issue 3) fixes this for real.
                .config("mp.messaging.incoming.proposals.session.timeout.ms", "8000")
                .build();
             var kafka = new KafkaTestClient()) {
            trainer.start().awaitReady(WAIT);

            var first = TestProposals.proposal("exp-crash", 1, List.of("host-cpu"));
            kafka.produce(Topics.PROPOSALS, first.trialId(), first);
            kafka.awaitRecord(Topics.ACCURACY, r -> first.trialId().equals(r.key()), WAIT);

            trainer.kill();
            assertThat(trainer.isAlive()).isFalse();
            assertThat(trainer.exitCode()).isEqualTo(137);

            var second = TestProposals.proposal("exp-crash", 2, List.of("host-cpu"));
            kafka.produce(Topics.PROPOSALS, second.trialId(), second);

            trainer.restart().awaitReady(WAIT);
            var answer = kafka.awaitRecord(Topics.ACCURACY, r -> second.trialId().equals(r.key()), WAIT);
            assertThat(answer.value()).contains("\"trainerId\":\"trainer-it\"");

            trainer.stop();
            assertThat(trainer.isAlive()).isFalse();
        }
    }

    @Test
    void isLiveButNotReadyWhileTheObjectStoreIsUnreachable() throws Exception {
        Map<String, String> config = new HashMap<>(NasInfraResource.serviceConfig(false));
        config.remove("nas.object-store.endpoint");
        try (var trainer = ServiceProcess.builder("trainer-service")
                .config(config)
                // Set through the environment, as compose and Helm do: nothing listens on this port.
                .env("NAS_OBJECT_STORE_ENDPOINT", "http://127.0.0.1:" + FreePort.pick())
                .build()) {
            trainer.start().awaitStarted(WAIT);
            HttpClient http = HttpClient.newHttpClient();
            var live = http.send(HttpRequest.newBuilder(URI.create(trainer.baseUrl() + "/q/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            var ready = http.send(HttpRequest.newBuilder(URI.create(trainer.baseUrl() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("object-store").contains("DOWN");
        }
    }
}
