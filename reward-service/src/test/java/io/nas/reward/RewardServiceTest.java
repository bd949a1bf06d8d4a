package io.nas.reward;

import io.nas.contract.Topics;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.ExperimentUpdate;
import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.PolicyPublished;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.RewardSpec;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.outbox.OutboxRecord;
import io.nas.launcher.KafkaBroker;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.ResultSchema;
import io.nas.testsupport.TestProposals;
import io.nas.testsupport.TopicSnapshot;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = NasInfraResource.class, initArgs = {
        @ResourceArg(name = NasInfraResource.DATABASE, value = "true"),
        @ResourceArg(name = NasInfraResource.INPUT_TOPICS,
                value = Topics.EXPERIMENTS + "," + Topics.PROPOSALS + "," + Topics.ACCURACY + "," + Topics.LATENCY)})
class RewardServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double T = 10.0;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void createsTheTopicsItProducesAndTheDeadLetterQueuesOfThoseItConsumes() {
        assertThat(KafkaBroker.shared().topics()).contains(Topics.RESULTS, Topics.POLICY,
                Topics.dlq(Topics.EXPERIMENTS), Topics.dlq(Topics.PROPOSALS), Topics.dlq(Topics.ACCURACY),
                Topics.dlq(Topics.LATENCY));
    }

    @Test
    void joinsProposalAccuracyAndTargetLatencyIntoOneSoftRewardedResultAndIgnoresRedeliveries() {
        String experiment = announce(spec("soft", "random", Map.of(), null, RewardSpec.mnas()));
        String trial = experiment + "-1";
        // A reporting device answers first: the target device (cpu) decides the join.
        kafka.produce(Topics.LATENCY, trial, latency(trial, "pixel3", TrialStatus.OK, 30.0));
        kafka.produce(Topics.PROPOSALS, trial, proposal(experiment, 1, null));
        int accuracyPartition = kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK, 0.91)).partition();
        int latencyPartition = kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK, 12.5))
                .partition();

        ConsumerRecord<String, String> record = awaitRecord(trial);
        ResultSchema.assertValid(record.value());
        TrialResult result = EventJson.read(record.value(), TrialResult.class);
        assertThat(result.status()).isEqualTo(TrialStatus.OK);
        assertThat(result.seq()).isEqualTo(1L);
        assertThat(result.architecture()).isEqualTo(proposal(experiment, 1, null).architecture());
        assertThat(result.indices()).isEqualTo(proposal(experiment, 1, null).indices());
        assertThat(result.accuracy()).isEqualTo(0.91);
        assertThat(result.latencyMs()).isEqualTo(12.5);
        assertThat(result.deviceType()).isEqualTo("cpu");
        assertThat(result.deviceId()).isEqualTo("cpu-0");
        assertThat(result.params()).isEqualTo(123_456L);
        assertThat(result.trainingSeconds()).isEqualTo(42.0);
        assertThat(result.policyVersion()).isZero();
        assertThat(result.counted()).isTrue();
        assertThat(result.pareto()).isTrue();
        // Soft: w = -0.07 on both sides of T; 12.5 ms against 10 ms costs 0.91 * 1.25^-0.07 = 0.8960...
        assertThat(result.reward()).isCloseTo(0.91 * Math.pow(12.5 / T, -0.07), within(1e-12));

        kafka.produce(Topics.PROPOSALS, trial, proposal(experiment, 1, null));
        kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK, 0.91));
        kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK, 12.5));
        // A later trial whose records queue behind the redeliveries on the same partitions: once it closed, they
        // were processed.
        String marker = experiment + "-2";
        kafka.produce(Topics.PROPOSALS, marker, proposal(experiment, 2, null));
        kafka.produce(new ProducerRecord<>(Topics.ACCURACY, accuracyPartition, marker,
                EventJson.write(accuracy(marker, TrialStatus.OK, 0.5))));
        kafka.produce(new ProducerRecord<>(Topics.LATENCY, latencyPartition, marker,
                EventJson.write(latency(marker, "cpu", TrialStatus.OK, 20.0))));
        awaitResult(marker);
        assertThat(resultsOf(experiment)).containsExactlyInAnyOrderEntriesOf(Map.of(trial, 1L, marker, 1L));

        given().get("/experiments/{id}/results", experiment).then().statusCode(200)
                .body("trialId", equalTo(List.of(trial, marker)));
        // Trial 2 is slower and less accurate than trial 1 on cpu; on pixel3 only trial 1 was measured.
        given().get("/experiments/{id}/pareto?deviceType=cpu", experiment).then().statusCode(200)
                .body("[0].points.trialId", equalTo(List.of(trial)));
        given().get("/experiments/{id}/pareto", experiment).then().statusCode(200)
                .body("deviceType", equalTo(List.of("cpu", "pixel3")));
        given().get("/experiments/{id}/results", "exp-never-announced").then().statusCode(404);
    }

    @Test
    void aHardConstraintRewardsAccuracyWithinTheTargetAndPenalizesLatencyBeyondIt() {
        String experiment = announce(spec("hard", "random", Map.of(), null, RewardSpec.mnas()));
        complete(experiment, 1, 0.8, 8.0, 42.0);
        complete(experiment, 2, 0.8, 20.0, 42.0);
        // Hard: alpha = 0 within T (reward = accuracy), beta = -1 beyond it (0.8 * (20 / 10)^-1 = 0.4).
        assertThat(awaitResult(experiment + "-1").reward()).isCloseTo(0.8, within(1e-12));
        assertThat(awaitResult(experiment + "-2").reward()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void recordsWaitForTheirExperimentAndProposalWhateverOrderTheyArriveIn() {
        String experiment = "exp-late-" + UUID.randomUUID().toString().substring(0, 8);
        String trial = experiment + "-1";
        kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK, 0.7));
        kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK, 5.0));
        kafka.produce(Topics.PROPOSALS, trial, proposal(experiment, 1, null));
        kafka.produce(Topics.EXPERIMENTS, experiment, new ExperimentUpdate(null, experiment, ExperimentState.RUNNING,
                spec("soft", "random", Map.of(), null, RewardSpec.mnas()), Instant.now()));
        assertThat(awaitResult(trial).reward()).isCloseTo(0.7 * Math.pow(0.5, -0.07), within(1e-12));
    }

    @Test
    void aTrialWithABrokenHalfGetsTheFloorRewardAndBothReasons() {
        String experiment = announce(spec("soft", "random", Map.of(), null,
                new RewardSpec(RewardSpec.MNAS, -0.25, null, null, null, null)));
        String refused = experiment + "-1";
        kafka.produce(Topics.PROPOSALS, refused, proposal(experiment, 1, null));
        kafka.produce(Topics.LATENCY, refused, latency(refused, "cpu", TrialStatus.FAILED, null));
        kafka.produce(Topics.ACCURACY, refused, accuracy(refused, TrialStatus.REFUSED, null));
        TrialResult result = awaitResult(refused);
        assertThat(result.status()).isEqualTo(TrialStatus.REFUSED);
        assertThat(result.reason()).contains("accuracy: the trainer refused", "latency: the device timed out");
        assertThat(result.reward()).isEqualTo(-0.25);
        assertThat(result.pareto()).isFalse();

        String failed = experiment + "-2";
        complete(experiment, 2, 0.91, null, 42.0);
        TrialResult failedResult = awaitResult(failed);
        assertThat(failedResult.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(failedResult.reason()).isEqualTo("latency: the device timed out");
        assertThat(failedResult.accuracy()).isEqualTo(0.91);
        assertThat(failedResult.reward()).isEqualTo(-0.25);
    }

    @Test
    void recordsArrivingTogetherCloseEachTrialExactlyOnce() {
        String experiment = announce(spec("soft", "random", Map.of(), null, RewardSpec.mnas()));
        List<Integer> seqs = IntStream.rangeClosed(1, 20).boxed().toList();
        for (int seq : seqs) {
            String trial = experiment + "-" + seq;
            kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK, 5.0 + seq));
            kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK, 0.5 + seq / 100.0));
            kafka.produce(Topics.PROPOSALS, trial, proposal(experiment, seq, null));
        }
        await().atMost(WAIT).until(() -> resultsOf(experiment).size() == seqs.size());
        assertThat(resultsOf(experiment).values()).allMatch(count -> count == 1L);
    }

    @Test
    void aDuplicateClosesWithTheResultOfTheTrialItRepeatsAtNoTrainingCost() {
        String experiment = announce(spec("soft", "random", Map.of(), null, RewardSpec.mnas()));
        String original = experiment + "-1";
        String duplicate = experiment + "-2";
        kafka.produce(Topics.PROPOSALS, duplicate, proposal(experiment, 2, original));
        complete(experiment, 1, 0.9, 7.0, 42.0);
        TrialResult first = awaitResult(original);
        TrialResult repeat = awaitResult(duplicate);
        assertThat(repeat.duplicateOf()).isEqualTo(original);
        assertThat(repeat.status()).isEqualTo(TrialStatus.OK);
        assertThat(repeat.accuracy()).isEqualTo(first.accuracy());
        assertThat(repeat.latencyMs()).isEqualTo(first.latencyMs());
        assertThat(repeat.reward()).isEqualTo(first.reward());
        assertThat(repeat.trainingSeconds()).isZero();
        assertThat(repeat.counted()).isTrue();
    }

    @Test
    void aTrialWhoseTrainingPushesTheSumOverTheBudgetIsReportedButNotCounted() {
        String experiment = announce(spec("soft", "random", Map.of(), 100.0, RewardSpec.mnas()));
        complete(experiment, 1, 0.8, 5.0, 42.0);
        assertThat(awaitResult(experiment + "-1").counted()).isTrue();
        complete(experiment, 2, 0.8, 5.0, 42.0);
        assertThat(awaitResult(experiment + "-2").counted()).isTrue();
        complete(experiment, 3, 0.8, 5.0, 42.0);
        assertThat(awaitResult(experiment + "-3").counted()).isFalse();
    }

    @Test
    void reinforceLearnsBatchByBatchAndPublishesVersionsWithoutGaps() {
        String experiment = announce(spec("soft", "reinforce", Map.of("batchSize", 2), null, RewardSpec.mnas()));
        // Trials close out of order: batch 1 (seq 1, 2) is only complete when seq 1 arrives last.
        complete(experiment, 2, 0.6, 5.0, 42.0);
        complete(experiment, 3, 0.7, 5.0, 42.0);
        complete(experiment, 4, 0.8, 5.0, 42.0);
        awaitResult(experiment + "-4");
        assertThat(policiesOf(experiment)).isEmpty();
        complete(experiment, 1, 0.5, 5.0, 42.0);

        await().atMost(WAIT).until(() -> policiesOf(experiment).size() == 2);
        List<PolicyPublished> versions = policiesOf(experiment);
        assertThat(versions).extracting(PolicyPublished::version).containsExactly(1L, 2L);
        assertThat(versions).allSatisfy(policy -> {
            assertThat(policy.strategy()).isEqualTo("reinforce");
            assertThat(policy.parametersBase64()).isNotBlank();
        });
        assertThat(versions.get(0).parametersBase64()).isNotEqualTo(versions.get(1).parametersBase64());
        given().get("/experiments/{id}/policy", experiment).then().statusCode(200)
                .body("$", hasSize(2))
                .body("version", equalTo(List.of(1, 2)))
                .body("firstSeq", equalTo(List.of(1, 3)))
                .body("lastSeq", equalTo(List.of(2, 4)));
    }

    @Test
    void aTrialMissingAHalfPastTheJoinTimeoutClosesAsFailedNamingWhatIsMissing() {
        String experiment = announce(spec("soft", "random", Map.of(), null, RewardSpec.mnas()));
        String trial = experiment + "-1";
        kafka.produce(Topics.PROPOSALS, trial, proposal(experiment, 1, null));
        kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK, 0.9));
        TrialResult result = awaitResult(trial);
        assertThat(result.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(result.reason()).contains("no latency from a cpu device within", "nas.reward.join-timeout");
        // The half that comes too late changes nothing.
        kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK, 5.0));
        String marker = experiment + "-2";
        complete(experiment, 2, 0.5, 5.0, 1.0);
        awaitResult(marker);
        assertThat(resultsOf(experiment)).containsEntry(trial, 1L);
    }

    @Test
    void aRowSentBeforeACrashIsStampedNotSentAgainAndOneNeverSentIsSent() {
        String onBroker = "exp-recon-" + UUID.randomUUID().toString().substring(0, 8) + "-1";
        String neverSent = onBroker.substring(0, onBroker.length() - 2) + "-2";
        // As a relay that crashed after the broker acknowledged the first row, but before stamping it, left them.
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxRecord sent = attempted(onBroker);
            kafka.produce(withOutboxHeader(sent));
            attempted(neverSent);
        });
        await().atMost(WAIT).until(() -> resultsOf(onBroker.substring(0, onBroker.length() - 2)).size() == 2);
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(
                () -> OutboxRecord.count("publishedAt is null and recordKey like 'exp-recon-%'") == 0));
        assertThat(resultsOf(onBroker.substring(0, onBroker.length() - 2)).values()).containsOnly(1L);
    }

    @Test
    void garbageAndInvalidRecordsGoToTheDeadLetterQueueAndTheConsumersGoOn() {
        String experiment = announce(spec("soft", "random", Map.of(), null, RewardSpec.mnas()));
        String trial = experiment + "-1";
        kafka.produce(Topics.ACCURACY, "garbage-accuracy", "not JSON at all");
        kafka.produce(Topics.ACCURACY, "fraction-accuracy", EventJson.write(accuracy(trial, TrialStatus.OK, 0.91))
                .replace("\"accuracy\":0.91", "\"accuracy\":1.7"));
        kafka.produce(Topics.LATENCY, "garbage-latency", "{\"trialId\": ");
        kafka.produce(Topics.PROPOSALS, "garbage-proposal", "[1, 2");
        kafka.produce(Topics.EXPERIMENTS, "garbage-experiment", "{\"state\": \"MAYBE\"}");
        complete(experiment, 1, 0.91, 5.0, 42.0);

        assertThat(kafka.awaitDeadLetterReason(Topics.ACCURACY, "garbage-accuracy", WAIT)).isNotBlank();
        assertThat(kafka.awaitDeadLetterReason(Topics.ACCURACY, "fraction-accuracy", WAIT))
                .contains("accuracy must be a fraction");
        assertThat(kafka.awaitDeadLetterReason(Topics.LATENCY, "garbage-latency", WAIT)).isNotBlank();
        assertThat(kafka.awaitDeadLetterReason(Topics.PROPOSALS, "garbage-proposal", WAIT)).isNotBlank();
        assertThat(kafka.awaitDeadLetterReason(Topics.EXPERIMENTS, "garbage-experiment", WAIT)).isNotBlank();
        assertThat(awaitResult(trial).status()).isEqualTo(TrialStatus.OK);
    }

    @Test
    void isReadyAndServesMetricsAndItsApiDescription() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("object-store"))
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/experiments/{id}/pareto"));
    }

    private String announce(ExperimentSpec spec) {
        String experiment = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.produce(Topics.EXPERIMENTS, experiment,
                new ExperimentUpdate(null, experiment, ExperimentState.RUNNING, spec, Instant.now()));
        return experiment;
    }

    /** All three records of trial {@code seq}; a null latency is a FAILED one. */
    private void complete(String experiment, long seq, double accuracy, Double latencyMs, double trainingSeconds) {
        String trial = experiment + "-" + seq;
        kafka.produce(Topics.PROPOSALS, trial, proposal(experiment, seq, null));
        AccuracyMeasured half = accuracy(trial, TrialStatus.OK, accuracy);
        kafka.produce(Topics.ACCURACY, trial, new AccuracyMeasured(null, half.trialId(), half.experimentId(),
                half.status(), null, accuracy, half.params(), half.madds(), trainingSeconds, half.imagesPerSecond(),
                half.checkpointUri(), half.trainerId(), half.at()));
        kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu",
                latencyMs == null ? TrialStatus.FAILED : TrialStatus.OK, latencyMs));
    }

    private static ExperimentSpec spec(String constraint, String strategy, Map<String, Object> settings,
                                       Double maxTrainingSeconds, RewardSpec reward) {
        Proposal template = TestProposals.proposal("exp-template", 1, List.of("cpu"));
        return new ExperimentSpec("reward-test", SearchSpaceSpec.preset("mnasnet-cpu"), "cpu", T, List.of("pixel3"),
                constraint, null, null, template.training(), 20, maxTrainingSeconds, 4, strategy, settings, 7L,
                LatencyMethod.MEASURED, reward);
    }

    private static Proposal proposal(String experiment, long seq, String duplicateOf) {
        Proposal p = TestProposals.proposal(experiment, seq, List.of("cpu", "pixel3"));
        return new Proposal(null, p.trialId(), p.experimentId(), p.seq(), p.architecture(), p.indices(), p.space(),
                p.training(), p.inferenceResolution(), p.deviceTypes(), 0L, -12.5, duplicateOf, p.createdAt());
    }

    private static OutboxRecord attempted(String trialId) {
        String experiment = trialId.substring(0, trialId.lastIndexOf('-'));
        OutboxRecord record = OutboxRecord.of(Topics.RESULTS, trialId, null, new TrialResult(null, trialId, experiment,
                1L, "a", TrialStatus.OK, null, 0.5, 1.0, "cpu", "cpu-0", 0.5, 1L, 1L, 1.0, true, null, 0L, null,
                Instant.now(), true, null));
        record.attemptedAt = Instant.now();
        record.persistAndFlush();
        return record;
    }

    private static ProducerRecord<String, String> withOutboxHeader(OutboxRecord row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.recordKey, row.payload);
        record.headers().add("nas-outbox-id", ("reward-service:" + row.id).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private ConsumerRecord<String, String> awaitRecord(String trialId) {
        return kafka.awaitRecord(Topics.RESULTS, record -> trialId.equals(record.key()), WAIT);
    }

    private TrialResult awaitResult(String trialId) {
        return EventJson.read(awaitRecord(trialId).value(), TrialResult.class);
    }

    /** How many results each trial of the experiment has on nas.results so far. */
    private Map<String, Long> resultsOf(String experiment) {
        return TopicSnapshot.read(Topics.RESULTS).stream()
                .map(ConsumerRecord::key)
                .filter(key -> key.startsWith(experiment + "-"))
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
    }

    private List<PolicyPublished> policiesOf(String experiment) {
        return TopicSnapshot.read(Topics.POLICY).stream()
                .filter(record -> experiment.equals(record.key()))
                .map(record -> EventJson.read(record.value(), PolicyPublished.class))
                .toList();
    }

    private static AccuracyMeasured accuracy(String trialId, TrialStatus status, Double accuracy) {
        String experimentId = trialId.substring(0, trialId.lastIndexOf('-'));
        return new AccuracyMeasured(null, trialId, experimentId, status,
                status == TrialStatus.OK ? null : "the trainer refused", status == TrialStatus.OK ? accuracy : null,
                123_456L, 7_890_000L, 42.0, 900.0,
                "s3://nas/experiments/" + experimentId + "/trials/" + trialId + "/final.params", "trainer-1",
                Instant.now());
    }

    private static LatencyMeasured latency(String trialId, String deviceType, TrialStatus status, Double p50Ms) {
        String experimentId = trialId.substring(0, trialId.lastIndexOf('-'));
        boolean ok = status == TrialStatus.OK;
        return new LatencyMeasured(null, trialId, experimentId, status, ok ? null : "the device timed out",
                deviceType, deviceType + "-0", ok ? p50Ms : null, ok ? p50Ms * 1.1 : null, ok ? p50Ms : null,
                ok ? 0.4 : null, ok ? 50 : null, ok ? LatencyMethod.MEASURED : null, Instant.now());
    }
}
