package io.nas.trainer;

import io.nas.contract.Topics;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.count.AnalyticCounter;
import io.nas.contract.count.NetworkCost;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.ExperimentUpdate;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrainingProgress;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.launcher.KafkaBroker;
import io.nas.storage.ObjectStore;
import io.nas.storage.TrialObjects;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.TopicSnapshot;
import io.nas.trainer.domain.TrialLease;
import io.nas.trainer.service.StoppedExperiments;
import io.nas.trainer.service.TrialStore;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The trainer against a real broker, S3 server, DJL and Fashion-MNIST: real (tiny) trainings with progress, stage
 * checkpoints and one answer; answers from metrics.json; NAS-Bench-201 lookups; refusals; stopped experiments;
 * DLQ, health and metrics.
 */
@QuarkusTest
@WithTestResource(value = NasInfraResource.class,
        initArgs = @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.PROPOSALS + "," + Topics.EXPERIMENTS))
class TrainerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A tiny training (2 stages x 1 epoch on 256 images) takes seconds; the first also loads DJL and the data. */
    private static final Duration TRAINING = Duration.ofSeconds(120);

    @Inject
    ObjectStore store;

    @Inject
    StoppedExperiments stoppedExperiments;

    @Inject
    TrialStore trials;

    @Test
    void createsTheTopicsItProducesAndItsDlqs() {
        assertThat(KafkaBroker.shared().topics()).contains(Topics.ACCURACY, Topics.TRAINING_PROGRESS,
                Topics.dlq(Topics.PROPOSALS), Topics.dlq(Topics.EXPERIMENTS));
    }

    @Test
    void trainsARealCandidateWithProgressStageCheckpointsAndOneAnswerThenAnswersARedeliveryFromMetrics()
            throws Exception {
        Proposal proposal = TrainerProposals.djl("exp-djl", 1);
        TrialObjects objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), TRAINING));

            MnasSearchSpace space = new MnasSearchSpace(proposal.space());
            MnasArchitecture architecture = space.parse(proposal.architecture());
            NetworkCost cost = AnalyticCounter.count(architecture,
                    space.frame().withResolution(proposal.inferenceResolution()));
            assertThat(answer.status()).isEqualTo(TrialStatus.OK);
            assertThat(answer.accuracy()).isGreaterThan(0.1);
            assertThat(answer.params()).isEqualTo(cost.params());
            assertThat(answer.madds()).isEqualTo(cost.madds());
            assertThat(answer.trainingSeconds()).isPositive();
            assertThat(answer.imagesPerSecond()).isPositive();
            assertThat(answer.checkpointUri()).isEqualTo(store.uri(objects.finalParams()));

            List<TrainingProgress> progress = progressOf(proposal.trialId());
            assertThat(progress).extracting(TrainingProgress::stage).containsOnly(1, 2).contains(1, 2);
            assertThat(progress).allSatisfy(p -> assertThat(p.stages()).isEqualTo(2));
            assertThat(progress).filteredOn(p -> p.stage() == 1).extracting(TrainingProgress::imageSize).containsOnly(16);
            assertThat(progress).filteredOn(p -> p.stage() == 2).extracting(TrainingProgress::imageSize).containsOnly(28);
            for (String key : List.of(objects.stageParams(1), objects.stageState(1), objects.stageParams(2),
                    objects.stageState(2), objects.finalParams(), objects.architecture(), objects.metrics())) {
                assertThat(store.exists(key)).as(key).isTrue();
            }
            assertThat(new String(store.get(objects.architecture()).orElseThrow()).trim())
                    .isEqualTo(proposal.architecture());
            assertThat(TopicSnapshot.read(Topics.ACCURACY, proposal.trialId())).hasSize(1);

            // Redelivered: answered from metrics.json, with the same figures, and nothing is trained again.
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            var answers = await().atMost(WAIT).until(() -> TopicSnapshot.read(Topics.ACCURACY, proposal.trialId()),
                    records -> records.size() == 2);
            assertThat(read(answers.get(1))).isEqualTo(answer);
            assertThat(progressOf(proposal.trialId())).hasSize(progress.size());
        }
    }

    @Test
    void abandonsATrainingAtTheNextStageBoundaryOnceItsExperimentIsStopped() throws Exception {
        // Six stages of a second or so: the stop arrives long before the last.
        Proposal proposal = TrainerProposals.djl("exp-stop-mid", 1, 6, 512);
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            kafka.awaitRecord(Topics.TRAINING_PROGRESS, r -> proposal.trialId().equals(r.key()), TRAINING);
            kafka.produce(Topics.EXPERIMENTS, proposal.experimentId(), stopped(proposal.experimentId()));

            var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), TRAINING));
            assertThat(answer.status()).isEqualTo(TrialStatus.REFUSED);
            assertThat(answer.reason()).startsWith("experiment stopped after stage");
            assertThat(progressOf(proposal.trialId())).extracting(TrainingProgress::stage).doesNotContain(6);
            // Not an answer to keep: the stage checkpoints stay, metrics.json is not written.
            TrialObjects objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
            assertThat(store.exists(objects.stageState(1))).isTrue();
            assertThat(store.exists(objects.metrics())).isFalse();
        }
    }

    @Test
    void waitsWhileALivePeerHoldsTheLeaseAndAnswersFromThePeersResult() throws Exception {
        Proposal proposal = TrainerProposals.djl("exp-peer", 1);
        TrialObjects objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
        Instant now = Instant.now();
        TrialLease peerLease = new TrialLease(proposal.trialId(), "trainer-peer", "peer-token", now,
                now.plusSeconds(120), 0, false);
        trials.putLease(objects, peerLease);
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            await().atMost(WAIT).until(() -> given().get("/q/health/live").asString().contains(proposal.trialId()));
            Thread.sleep(1000);
            assertThat(TopicSnapshot.read(Topics.ACCURACY, proposal.trialId())).isEmpty();
            assertThat(TopicSnapshot.read(Topics.TRAINING_PROGRESS, proposal.trialId())).isEmpty();

            AccuracyMeasured peerAnswer = new AccuracyMeasured(null, proposal.trialId(), proposal.experimentId(),
                    TrialStatus.OK, null, 0.5, 1L, 2L, 3.0, 4.0, store.uri(objects.finalParams()), "trainer-peer", now);
            trials.putMetrics(objects, peerAnswer);
            var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), WAIT));
            assertThat(answer).isEqualTo(peerAnswer);
            assertThat(TopicSnapshot.read(Topics.TRAINING_PROGRESS, proposal.trialId())).isEmpty();
            assertThat(trials.lease(objects)).contains(peerLease);
        }
    }

    @Test
    void failsATrialThatKilledItsTrainersTooOftenInsteadOfResumingItAgain() throws Exception {
        Proposal proposal = TrainerProposals.djl("exp-crashes", 1);
        TrialObjects objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
        Instant past = Instant.now().minusSeconds(600);
        trials.putLease(objects, new TrialLease(proposal.trialId(), "trainer-dead", "dead-token", past,
                past.plusSeconds(60), 2, false));
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), WAIT));
            assertThat(answer.status()).isEqualTo(TrialStatus.FAILED);
            assertThat(answer.reason()).startsWith("3 trainers died while training this trial (the last was trainer-dead)");
            assertThat(trials.metrics(objects)).contains(answer);
            assertThat(TopicSnapshot.read(Topics.TRAINING_PROGRESS, proposal.trialId())).isEmpty();
        }
    }

    @Test
    void answersANasBench201CellFromTheTable() throws Exception {
        Proposal proposal = TrainerProposals.tabular("exp-nb201", 1, TrainerProposals.NB201_CELL);
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), WAIT));
            assertThat(answer.status()).isEqualTo(TrialStatus.OK);
            assertThat(answer.accuracy()).isEqualTo(TrainerProposals.NB201_CELL_ACCURACY);
            assertThat(answer.trainingSeconds()).isEqualTo(TrainerProposals.NB201_CELL_SECONDS);
            assertThat(answer.trainerId()).isNotBlank();
            assertThat(store.exists(new TrialObjects(proposal.experimentId(), proposal.trialId()).metrics())).isTrue();
            assertThat(TopicSnapshot.read(Topics.TRAINING_PROGRESS, proposal.trialId())).isEmpty();
        }
    }

    @Test
    void refusesACandidateAboveTheGuardRailsBeforeAllocatingAnything() throws Exception {
        Proposal proposal = TrainerProposals.largest("exp-large", 1);
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), WAIT));
            MnasSearchSpace space = new MnasSearchSpace(proposal.space());
            NetworkCost cost = AnalyticCounter.count(space.parse(proposal.architecture()), space.frame());
            assertThat(cost.params()).isGreaterThan(5_000_000);
            assertThat(answer.status()).isEqualTo(TrialStatus.REFUSED);
            assertThat(answer.reason()).isEqualTo(cost.params() + " parameters exceed nas.trainer.max-params=5000000");
            TrialObjects objects = new TrialObjects(proposal.experimentId(), proposal.trialId());
            assertThat(store.exists(objects.lease())).isFalse();
            assertThat(store.exists(objects.architecture())).isFalse();
        }
    }

    @Test
    void refusesWhatItCannotServe() {
        Proposal base = TrainerProposals.djl("exp-refuse", 1);
        Proposal unparsable = TrainerProposals.withArchitecture(base, "r1_k3_s11_e1_i16_o8_bogus");
        Proposal outsideSpace = TrainerProposals.withArchitecture(TrainerProposals.djl("exp-refuse", 2),
                "r9_k3_s11_e1_i16_o8");
        Proposal unknownBackend = TrainerProposals.withTraining(TrainerProposals.djl("exp-refuse", 3),
                new TrainingSpec("jax", "fashion-mnist", 1, 1, 32, 28, 28, null, null, null, null, null, null,
                        256, 128, null, 1L));
        Proposal unknownDataset = TrainerProposals.withTraining(TrainerProposals.djl("exp-refuse", 4),
                new TrainingSpec("djl", "imagenet-21k", 1, 1, 32, 28, 28, null, null, null, null, null, null,
                        256, 128, null, 1L));
        try (var kafka = new KafkaTestClient()) {
            for (Proposal proposal : List.of(unparsable, outsideSpace, unknownBackend, unknownDataset)) {
                kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            }
            assertThat(refusal(kafka, unparsable)).contains("does not parse");
            assertThat(refusal(kafka, outsideSpace)).contains("not in the proposal's space");
            assertThat(refusal(kafka, unknownBackend)).contains("unknown training backend 'jax'");
            assertThat(refusal(kafka, unknownDataset)).contains("imagenet-21k");
        }
    }

    @Test
    void doesNotStartTrialsOfAStoppedExperiment() {
        Proposal proposal = TrainerProposals.tabular("exp-stopped", 1, TrainerProposals.NB201_CELL);
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.EXPERIMENTS, proposal.experimentId(), stopped(proposal.experimentId()));
            await().atMost(WAIT).until(() -> stoppedExperiments.isStopped(proposal.experimentId()));
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            assertThat(refusal(kafka, proposal)).isEqualTo("experiment stopped");
        }
    }

    @Test
    void garbageAndInvalidProposalsLandInTheDlqAndTheNextIsStillAnswered() {
        var valid = TrainerProposals.tabular("exp-dlq", 1, TrainerProposals.NB201_CELL);
        // JSON, but the trial id does not belong to the experiment.
        String invalid = EventJson.write(valid).replace("\"trialId\":\"exp-dlq-1\"", "\"trialId\":\"other-7\"");
        try (var kafka = new KafkaTestClient()) {
            // One partition: the valid proposal is consumed after the two broken ones.
            kafka.produce(Topics.PROPOSALS, 0, "garbage", "this is not json {");
            kafka.produce(Topics.PROPOSALS, 0, "invalid", invalid);
            kafka.produce(Topics.PROPOSALS, 0, valid.trialId(), EventJson.write(valid));

            assertThat(kafka.awaitDeadLetterReason(Topics.PROPOSALS, "garbage", WAIT)).isNotBlank();
            // Nothing is lost: the DLQ keeps the record's bytes as they came.
            assertThat(kafka.awaitRecord(Topics.dlq(Topics.PROPOSALS), r -> "garbage".equals(r.key()), WAIT).value())
                    .isEqualTo("this is not json {");
            assertThat(kafka.awaitDeadLetterReason(Topics.PROPOSALS, "invalid", WAIT)).contains("trialId");
            var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> valid.trialId().equals(r.key()), WAIT));
            assertThat(answer.status()).isEqualTo(TrialStatus.OK);
        }
    }

    @Test
    void isReadyWithKafkaAndTheObjectStoreAndExposesMetrics() {
        var proposal = TrainerProposals.tabular("exp-metrics", 1, TrainerProposals.NB201_CELL);
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);
            kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), WAIT);
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("object-store"))
                .body(containsString("Kafka"));
        given().get("/q/health/live").then().statusCode(200).body(containsString("trainer"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_"))
                .body(containsString("nas_trainer_trials_total{backend=\"tabular\",status=\"OK\"}"));
    }

    private static String refusal(KafkaTestClient kafka, Proposal proposal) {
        var answer = read(kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), WAIT));
        assertThat(answer.status()).as(proposal.trialId()).isEqualTo(TrialStatus.REFUSED);
        return answer.reason();
    }

    private static AccuracyMeasured read(ConsumerRecord<String, String> record) {
        return EventJson.read(record.value(), AccuracyMeasured.class);
    }

    private static List<TrainingProgress> progressOf(String trialId) {
        return TopicSnapshot.read(Topics.TRAINING_PROGRESS, trialId).stream()
                .map(r -> EventJson.read(r.value(), TrainingProgress.class)).toList();
    }

    private static ExperimentUpdate stopped(String experimentId) {
        ExperimentSpec spec = new ExperimentSpec(experimentId, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        return new ExperimentUpdate(null, experimentId, ExperimentState.STOPPED, spec, Instant.now());
    }
}
