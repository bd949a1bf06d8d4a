package io.nas.reward;

import io.nas.contract.Topics;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.nas.testsupport.KafkaBroker;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = NasInfraResource.class, initArgs = {
        @ResourceArg(name = NasInfraResource.DATABASE, value = "true"),
        @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.ACCURACY + "," + Topics.LATENCY)})
class RewardServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
                Topics.dlq(Topics.ACCURACY), Topics.dlq(Topics.LATENCY));
    }

    @Test
    void joinsBothHalvesOfATrialIntoOneResultAndIgnoresRedeliveries() {
        String trial = "exp-join-1";
        int accuracyPartition = kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK)).partition();
        int latencyPartition = kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK)).partition();

        TrialResult result = awaitResult(trial);
        assertThat(result.status()).isEqualTo(TrialStatus.OK);
        assertThat(result.experimentId()).isEqualTo("exp-join");
        assertThat(result.seq()).isEqualTo(1L);
        assertThat(result.accuracy()).isEqualTo(0.91);
        assertThat(result.latencyMs()).isEqualTo(12.5);
        assertThat(result.deviceType()).isEqualTo("cpu");
        assertThat(result.deviceId()).isEqualTo("cpu-0");
        assertThat(result.params()).isEqualTo(123_456L);
        assertThat(result.madds()).isEqualTo(7_890_000L);
        assertThat(result.trainingSeconds()).isEqualTo(42.0);
        assertThat(result.checkpointUri()).isEqualTo("s3://nas/experiments/exp-join/trials/" + trial + "/final.params");
        assertThat(result.reward()).isNull();

        // Both halves again, and a reporting device's half after the join: none of them joins a second time.
        kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK));
        kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK));
        kafka.produce(Topics.LATENCY, trial, latency(trial, "pixel3", TrialStatus.OK));
        // A later trial whose halves queue behind those on the same partitions: once it joined, they were processed.
        String marker = "exp-join-2";
        kafka.produce(new ProducerRecord<>(Topics.ACCURACY, accuracyPartition, marker,
                EventJson.write(accuracy(marker, TrialStatus.OK))));
        kafka.produce(new ProducerRecord<>(Topics.LATENCY, latencyPartition, marker,
                EventJson.write(latency(marker, "cpu", TrialStatus.OK))));
        awaitResult(marker);
        assertThat(resultsOf("exp-join-")).containsExactlyInAnyOrderEntriesOf(Map.of(trial, 1L, marker, 1L));
    }

    @Test
    void aTrialWithABrokenHalfJoinsWithBothReasons() {
        String refused = "exp-broken-1";
        kafka.produce(Topics.LATENCY, refused, latency(refused, "cpu", TrialStatus.FAILED));
        kafka.produce(Topics.ACCURACY, refused, accuracy(refused, TrialStatus.REFUSED));
        TrialResult result = awaitResult(refused);
        assertThat(result.status()).isEqualTo(TrialStatus.REFUSED);
        assertThat(result.reason()).contains("accuracy: the trainer refused", "latency: the device timed out");

        String failed = "exp-broken-2";
        kafka.produce(Topics.ACCURACY, failed, accuracy(failed, TrialStatus.OK));
        kafka.produce(Topics.LATENCY, failed, latency(failed, "cpu", TrialStatus.FAILED));
        TrialResult failedResult = awaitResult(failed);
        assertThat(failedResult.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(failedResult.reason()).isEqualTo("latency: the device timed out");
        assertThat(failedResult.accuracy()).isEqualTo(0.91);
    }

    @Test
    void halvesArrivingTogetherJoinExactlyOnce() {
        List<String> trials = IntStream.rangeClosed(1, 20).mapToObj(seq -> "exp-race-" + seq).toList();
        for (String trial : trials) {
            kafka.produce(Topics.LATENCY, trial, latency(trial, "cpu", TrialStatus.OK));
            kafka.produce(Topics.ACCURACY, trial, accuracy(trial, TrialStatus.OK));
        }
        await().atMost(WAIT)
                .until(() -> resultsOf("exp-race-").keySet().containsAll(trials));
        assertThat(resultsOf("exp-race-").values()).allMatch(count -> count == 1L);
    }

    @Test
    void garbageAndInvalidHalvesGoToTheDeadLetterQueueAndTheConsumersGoOn() {
        kafka.produce(Topics.ACCURACY, "garbage-accuracy", "not JSON at all");
        kafka.produce(Topics.ACCURACY, "fraction-accuracy", EventJson.write(accuracy("exp-dlq-1", TrialStatus.OK))
                .replace("\"accuracy\":0.91", "\"accuracy\":1.7"));
        kafka.produce(Topics.LATENCY, "garbage-latency", "{\"trialId\": ");
        kafka.produce(Topics.LATENCY, "mismatched-latency", EventJson.write(latency("exp-dlq-1", "cpu", TrialStatus.OK))
                .replace("\"trialId\":\"exp-dlq-1\"", "\"trialId\":\"exp-other-1\""));
        kafka.produce(Topics.ACCURACY, "exp-dlq-1", accuracy("exp-dlq-1", TrialStatus.OK));
        kafka.produce(Topics.LATENCY, "exp-dlq-1", latency("exp-dlq-1", "cpu", TrialStatus.OK));

        assertThat(deadLetterReason(Topics.ACCURACY, "garbage-accuracy")).isNotBlank();
        assertThat(deadLetterReason(Topics.ACCURACY, "fraction-accuracy")).contains("accuracy must be a fraction");
        assertThat(deadLetterReason(Topics.LATENCY, "garbage-latency")).isNotBlank();
        assertThat(deadLetterReason(Topics.LATENCY, "mismatched-latency")).contains("trialId");
        assertThat(awaitResult("exp-dlq-1").status()).isEqualTo(TrialStatus.OK);
    }

    @Test
    void isReadyAndServesMetrics() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("object-store"))
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE"));
    }

    private TrialResult awaitResult(String trialId) {
        return EventJson.read(kafka.awaitRecord(Topics.RESULTS, record -> trialId.equals(record.key()), WAIT).value(),
                TrialResult.class);
    }

    /** How many results each trial whose id starts with {@code prefix} has on nas.results so far. */
    private Map<String, Long> resultsOf(String prefix) {
        return allRecords(Topics.RESULTS).stream()
                .map(ConsumerRecord::key)
                .filter(key -> key.startsWith(prefix))
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
    }

    /** Every record the topic holds now, read from the beginning of each partition to its end. */
    private List<ConsumerRecord<String, String>> allRecords(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    private String deadLetterReason(String topic, String key) {
        return kafka.awaitDeadLetterReason(topic, key, WAIT);
    }

    private static AccuracyMeasured accuracy(String trialId, TrialStatus status) {
        String experimentId = trialId.substring(0, trialId.lastIndexOf('-'));
        return new AccuracyMeasured(null, trialId, experimentId, status,
                status == TrialStatus.OK ? null : "the trainer refused", status == TrialStatus.OK ? 0.91 : null,
                123_456L, 7_890_000L, 42.0, 900.0,
                "s3://nas/experiments/" + experimentId + "/trials/" + trialId + "/final.params", "trainer-1",
                Instant.now());
    }

    private static LatencyMeasured latency(String trialId, String deviceType, TrialStatus status) {
        String experimentId = trialId.substring(0, trialId.lastIndexOf('-'));
        boolean ok = status == TrialStatus.OK;
        return new LatencyMeasured(null, trialId, experimentId, status, ok ? null : "the device timed out",
                deviceType, deviceType + "-0", ok ? 12.5 : null, ok ? 14.0 : null, ok ? 12.8 : null,
                ok ? 0.4 : null, ok ? 50 : null, ok ? LatencyMethod.MEASURED : null, Instant.now());
    }
}
