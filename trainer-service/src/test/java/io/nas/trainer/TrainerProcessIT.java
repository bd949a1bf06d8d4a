package io.nas.trainer;

import io.nas.contract.Topics;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrainingProgress;
import io.nas.contract.event.TrialStatus;
import io.nas.launcher.FreePort;
import io.nas.launcher.KafkaBroker;
import io.nas.launcher.ServiceProcess;
import io.nas.storage.ObjectStore;
import io.nas.storage.TrialObjects;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.TopicSnapshot;
import io.nas.trainer.domain.StageState;
import io.nas.trainer.domain.TrialLease;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged trainer as real processes: SIGKILLed mid-trial and the trial resumed by another replica from the last
 * stage checkpoint and answered once; SIGKILLed while work waits and restarted (static membership gives its
 * partitions back); live but not ready while the object store is unreachable.
 */
class TrainerProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration TRAINING = Duration.ofSeconds(150);

    @BeforeAll
    static void topics() {
        KafkaBroker.shared().createTopics(List.of(Topics.PROPOSALS, Topics.EXPERIMENTS), 1);
    }

    @Test
    void anotherReplicaResumesAKilledTrainersTrialFromItsLastStageCheckpointAndAnswersItOnce() throws Exception {
        String group = "nas-trainer-it-resume";
        KafkaBroker.shared().startGroupAtEnd(group, Topics.PROPOSALS);
        Map<String, String> config = replicaConfig(NasInfraResource.newBucketName(), group);
        ObjectStore store = objectStore(config);
        // Three stages on 3072 images: stage 2 lasts over a second here, time enough to kill the trainer inside it
        // (the test polls for stage 1's checkpoint every 50 ms).
        Proposal proposal = TrainerProposals.djl("exp-resume", 1, 3, 3072);
        TrialObjects objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
        try (var first = ServiceProcess.builder("trainer-service").config(config).config("nas.trainer.id", "trainer-a")
                .build();
             var second = ServiceProcess.builder("trainer-service").config(config).config("nas.trainer.id", "trainer-b")
                     .build();
             var kafka = new KafkaTestClient()) {
            first.start().awaitReady(WAIT);
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);

            awaitObject(store, objects.stageState(1), TRAINING);
            first.kill();
            assertThat(first.exitCode()).isEqualTo(137);
            assertThat(store.exists(objects.stageState(2))).as("killed inside stage 2").isFalse();

            second.start().awaitReady(WAIT);
            var answer = EventJson.read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()),
                    TRAINING).value(), AccuracyMeasured.class);
            assertThat(answer.status()).isEqualTo(TrialStatus.OK);
            assertThat(answer.trainerId()).isEqualTo("trainer-b");
            assertThat(TopicSnapshot.read(Topics.ACCURACY, proposal.trialId())).hasSize(1);

            // Resumed, not restarted: trainer-b's first progress is stage 2; stage 1 is trainer-a's checkpoint.
            List<TrainingProgress> progress = TopicSnapshot.read(Topics.TRAINING_PROGRESS, proposal.trialId()).stream()
                    .map(r -> EventJson.read(r.value(), TrainingProgress.class)).toList();
            Map<String, List<Integer>> stagesBy = progress.stream().collect(Collectors.groupingBy(
                    TrainingProgress::trainerId, Collectors.mapping(TrainingProgress::stage, Collectors.toList())));
            // trainer-a publishes stage 1's progress after its checkpoint: it may have died before it could.
            assertThat(stagesBy.getOrDefault("trainer-a", List.of())).isSubsetOf(1);
            assertThat(stagesBy.get("trainer-b")).containsExactly(2, 3);
            assertThat(read(store, objects.stageState(1), StageState.class).trainerId()).isEqualTo("trainer-a");
            assertThat(read(store, objects.stageState(2), StageState.class).trainerId()).isEqualTo("trainer-b");
            TrialLease lease = read(store, objects.lease(), TrialLease.class);
            assertThat(lease.owner()).isEqualTo("trainer-b");
            assertThat(lease.crashes()).isEqualTo(1);
            assertThat(lease.released()).isTrue();
            assertThat(answer.trainingSeconds())
                    .isGreaterThan(read(store, objects.stageState(1), StageState.class).trainingSeconds());
        }
    }

    @Test
    void answersWorkThatArrivedWhileItWasKilled() {
        String group = "nas-trainer-it-restart";
        KafkaBroker.shared().startGroupAtEnd(group, Topics.PROPOSALS);
        try (var trainer = ServiceProcess.builder("trainer-service")
                .config(replicaConfig(NasInfraResource.newBucketName(), group))
                .config("nas.trainer.id", "trainer-it")
                .build();
             var kafka = new KafkaTestClient()) {
            trainer.start().awaitReady(WAIT);

            var first = TrainerProposals.tabular("exp-crash", 1, TrainerProposals.NB201_CELL);
            kafka.produce(Topics.PROPOSALS, first.trialId(), first);
            var firstAnswer = kafka.awaitRecord(Topics.ACCURACY, r -> first.trialId().equals(r.key()), WAIT);

            trainer.kill();
            assertThat(trainer.isAlive()).isFalse();
            assertThat(trainer.exitCode()).isEqualTo(137);

            var second = TrainerProposals.tabular("exp-crash", 2, TrainerProposals.NB201_CELL);
            kafka.produce(Topics.PROPOSALS, second.trialId(), second);

            // Same group.instance.id: the restarted member gets its partition back without waiting for a rebalance.
            trainer.restart().awaitReady(WAIT);
            var answer = kafka.awaitRecord(Topics.ACCURACY, r -> second.trialId().equals(r.key()), WAIT);
            assertThat(answer.value()).contains("\"trainerId\":\"trainer-it\"");
            // Killed before its offset commit, the first proposal may come back: answered from metrics.json, as it was.
            assertThat(TopicSnapshot.read(Topics.ACCURACY, first.trialId()))
                    .extracting(ConsumerRecord::value).containsOnly(firstAnswer.value());

            trainer.stop();
            assertThat(trainer.isAlive()).isFalse();
        }
    }

    @Test
    void isLiveButNotReadyWhileTheObjectStoreIsUnreachable() throws Exception {
        KafkaBroker.shared().startGroupAtEnd("nas-trainer-it-no-s3", Topics.PROPOSALS);
        Map<String, String> config = new HashMap<>(NasInfraResource.serviceConfig(false));
        config.remove("nas.object-store.endpoint");
        try (var trainer = ServiceProcess.builder("trainer-service")
                .config(config)
                .config("nas.trainer.id", "trainer-no-s3")
                .config("mp.messaging.incoming.proposals.group.id", "nas-trainer-it-no-s3")
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

    /** Short leases and sessions, so that a dead replica's trial is free within seconds. */
    private static Map<String, String> replicaConfig(String bucket, String group) {
        Map<String, String> config = new HashMap<>(NasInfraResource.serviceConfig(bucket, null));
        config.put("mp.messaging.incoming.proposals.group.id", group);
        config.put("mp.messaging.incoming.proposals.session.timeout.ms", "8000");
        config.put("nas.trainer.lease.duration", "5s");
        config.put("nas.trainer.lease.renew-every", "1s");
        config.put("nas.trainer.lease.check-every", "500ms");
        config.put("nas.trainer.lease.settle", "200ms");
        return config;
    }

    /**
     * Commits the group's offset at the topic's current end: proposals of other tests on the shared broker stay
     * unread by this test's trainers.
     */
    private static ObjectStore objectStore(Map<String, String> config) {
        return new ObjectStore(config.get("nas.object-store.endpoint"), config.get("nas.object-store.access-key"),
                config.get("nas.object-store.secret-key"), config.get("nas.object-store.bucket"), Optional.empty());
    }

    private static void awaitObject(ObjectStore store, String key, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!exists(store, key)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(key + " did not appear within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** False also while the trainer has not created the bucket yet. */
    private static boolean exists(ObjectStore store, String key) {
        try {
            return store.exists(key);
        } catch (Exception e) {
            return false;
        }
    }

    private static <T> T read(ObjectStore store, String key, Class<T> type) throws Exception {
        return EventJson.read(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8), type);
    }
}
