package io.nas.sampler;

import io.nas.contract.Topics;
import io.nas.contract.TrialIds;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.ExperimentUpdate;
import io.nas.contract.event.PolicyPublished;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.SearchSpaces;
import io.nas.testsupport.KafkaBroker;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = NasInfraResource.class, initArgs = {
        @ResourceArg(name = NasInfraResource.DATABASE, value = "true"),
        @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.RESULTS + "," + Topics.POLICY)})
class SamplerServiceTest {

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
        assertThat(KafkaBroker.shared().topics()).contains(Topics.EXPERIMENTS, Topics.PROPOSALS,
                Topics.dlq(Topics.RESULTS), Topics.dlq(Topics.POLICY));
        // nas.experiments keeps the latest state of each experiment; proposals are a log.
        assertThat(KafkaBroker.shared().cleanupPolicy(Topics.EXPERIMENTS)).isEqualTo("compact");
        assertThat(KafkaBroker.shared().cleanupPolicy(Topics.PROPOSALS)).isEqualTo("delete");
    }

    @Test
    void resultsDriveTheExperimentFromItsFirstProposalsToDone() {
        String id = createExperiment(3, 2);

        ExperimentUpdate running = EventJson.read(kafka.awaitRecord(Topics.EXPERIMENTS,
                record -> id.equals(record.key()) && record.value().contains("RUNNING"), WAIT).value(),
                ExperimentUpdate.class);
        assertThat(running.state()).isEqualTo(ExperimentState.RUNNING);
        assertThat(running.spec().maxInFlight()).isEqualTo(2);
        assertThat(running.spec().space().resolution()).isEqualTo(32);

        Proposal first = awaitProposal(id + "-1");
        Proposal second = awaitProposal(id + "-2");
        assertThat(first.seq()).isEqualTo(1L);
        assertThat(first.experimentId()).isEqualTo(id);
        assertThat(first.space().family()).isEqualTo("nb201");
        assertThat(first.indices()).hasSize(6);
        assertThat(first.architecture()).isEqualTo(SearchSpaces.of(first.space()).canonical(first.indices()));
        assertThat(first.inferenceResolution()).isEqualTo(32);
        assertThat(first.deviceTypes()).containsExactly("cpu", "pixel3");
        assertThat(first.policyVersion()).isZero();
        assertThat(first.logProbability()).isCloseTo(-6 * Math.log(5), within(1e-9));
        assertThat(first.training().backend()).isEqualTo("tabular");
        assertThat(second.seq()).isEqualTo(2L);
        // The same seed proposes the same candidates.
        String twin = createExperiment(1, 1);
        assertThat(awaitProposal(twin + "-1").indices()).isEqualTo(first.indices());
        given().get("/experiments/{id}", id).then().statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("proposed", equalTo(2))
                .body("completed", equalTo(0));

        kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK));
        Proposal third = awaitProposal(id + "-3");
        assertThat(third.seq()).isEqualTo(3L);

        // A redelivered result is counted once.
        int partition = kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK))
                .partition();
        barrier(Topics.RESULTS, partition);
        given().get("/experiments/{id}", id).then()
                .body("completed", equalTo(1))
                .body("proposed", equalTo(3))
                .body("state", equalTo("RUNNING"));

        kafka.produce(Topics.RESULTS, second.trialId(), result(second.trialId(), id, TrialStatus.FAILED));
        await().atMost(WAIT).untilAsserted(() -> given().get("/experiments/{id}", id).then()
                .body("failed", equalTo(1)));
        given().get("/experiments/{id}", id).then().body("state", equalTo("RUNNING")).body("proposed", equalTo(3));

        kafka.produce(Topics.RESULTS, third.trialId(), result(third.trialId(), id, TrialStatus.OK));
        ConsumerRecord<String, String> done = kafka.awaitRecord(Topics.EXPERIMENTS,
                record -> id.equals(record.key()) && record.value().contains("DONE"), WAIT);
        assertThat(EventJson.read(done.value(), ExperimentUpdate.class).state()).isEqualTo(ExperimentState.DONE);
        given().get("/experiments/{id}", id).then().statusCode(200)
                .body("state", equalTo("DONE"))
                .body("proposed", equalTo(3))
                .body("completed", equalTo(2))
                .body("failed", equalTo(1));
    }

    @Test
    void garbageAndInvalidResultsGoToTheDeadLetterQueueAndTheConsumerGoesOn() {
        String id = createExperiment(2, 1);
        Proposal first = awaitProposal(id + "-1");

        kafka.produce(Topics.RESULTS, "garbage-result", "this is not JSON {");
        kafka.produce(Topics.RESULTS, "fraction-result", EventJson.write(result(first.trialId(), id, TrialStatus.OK))
                .replace("\"accuracy\":0.9", "\"accuracy\":1.7"));
        kafka.produce(Topics.RESULTS, "mismatched-result",
                "{\"trialId\":\"exp-other-1\",\"experimentId\":\"" + id + "\",\"status\":\"OK\"}");
        kafka.produce(Topics.RESULTS, "exp-unknown-1", result("exp-unknown-1", "exp-unknown", TrialStatus.OK));
        kafka.produce(Topics.RESULTS, "never-proposed", result(id + "-9", id, TrialStatus.OK));
        kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK));

        assertThat(deadLetterReason(Topics.RESULTS, "garbage-result")).isNotBlank();
        assertThat(deadLetterReason(Topics.RESULTS, "fraction-result")).contains("accuracy must be a fraction");
        assertThat(deadLetterReason(Topics.RESULTS, "mismatched-result")).contains("trialId");
        assertThat(deadLetterReason(Topics.RESULTS, "exp-unknown-1")).contains("exp-unknown", "no experiment");
        assertThat(deadLetterReason(Topics.RESULTS, "never-proposed")).contains(id + "-9", "never proposed");
        awaitProposal(id + "-2");
        given().get("/experiments/{id}", id).then().body("completed", equalTo(1));
    }

    @Test
    void keepsTheNewestPolicyVersionAndSendsBrokenPoliciesToTheDeadLetterQueue() {
        String id = createExperiment(1, 1);

        kafka.produce(Topics.POLICY, "garbage-policy", "{\"version\": ");
        kafka.produce(Topics.POLICY, "both-parameters-policy", "{\"experimentId\":\"" + id + "\",\"strategy\":\"ppo\","
                + "\"version\":1,\"parametersBase64\":\"AA==\",\"parametersUri\":\"s3://nas/p\"}");
        kafka.produce(Topics.POLICY, "exp-nowhere", policy("exp-nowhere", 1));
        int partition = kafka.produce(Topics.POLICY, id, policy(id, 3)).partition();
        kafka.produce(Topics.POLICY, id, policy(id, 2));

        assertThat(deadLetterReason(Topics.POLICY, "garbage-policy")).isNotBlank();
        assertThat(deadLetterReason(Topics.POLICY, "both-parameters-policy")).contains("parametersBase64");
        assertThat(deadLetterReason(Topics.POLICY, "exp-nowhere")).contains("exp-nowhere", "no experiment");
        barrier(Topics.POLICY, partition);
        given().get("/experiments/{id}", id).then().body("policyVersion", equalTo(3));
    }

    @Test
    void refusesInvalidExperimentsNamingTheField() {
        postExpecting400(spec("nb201", 0, 1, "cpu"), "maxTrials");
        postExpecting400(spec("nb201", 3, 0, "cpu"), "maxInFlight");
        postExpecting400(spec("nb201", 3, 1, " "), "targetDeviceType");
        postExpecting400(spec("no-such-space", 3, 1, "cpu"), "space.preset");
        postExpecting400(spec("nb201", 3, 1, "cpu").replace("\"seed\": 7", "\"seed\": 7, \"latencyMethod\": \"replayed\""),
                "latencyMethod");
        postExpecting400("{\"maxTrials\":3,\"targetDeviceType\":\"cpu\",\"training\":{}}", "space");
        postExpecting400("{\"space\":{\"preset\":\"nb201\"},\"maxTrials\":3,\"targetDeviceType\":\"cpu\"}",
                "training");
        postExpecting400("{not json", "body");
        postExpecting400(spec("nb201", 3, 1, "cpu").replace("\"maxTrials\": 3", "\"maxTrials\": \"many\""),
                "maxTrials");
        given().get("/experiments/{id}", "exp-missing").then().statusCode(404);
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
        given().get("/q/openapi").then().statusCode(200).body(containsString("/experiments"));
    }

    private String createExperiment(int maxTrials, int maxInFlight) {
        return given().contentType(ContentType.JSON).body(spec("nb201", maxTrials, maxInFlight, "cpu"))
                .post("/experiments")
                .then().statusCode(201)
                .body("state", equalTo("RUNNING"))
                .extract().path("id");
    }

    private static String spec(String preset, int maxTrials, int maxInFlight, String targetDeviceType) {
        return """
                {"name": "test", "space": {"preset": "%s"}, "targetDeviceType": "%s",
                 "reportDeviceTypes": ["pixel3"], "training": {"backend": "tabular", "dataset": "cifar10"},
                 "maxTrials": %d, "maxInFlight": %d, "seed": 7}
                """.formatted(preset, targetDeviceType, maxTrials, maxInFlight);
    }

    private static void postExpecting400(String body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/experiments")
                .then().statusCode(400)
                .body("field", equalTo(field))
                .body("message", containsString(field));
    }

    private Proposal awaitProposal(String trialId) {
        return EventJson.read(kafka.awaitRecord(Topics.PROPOSALS, record -> trialId.equals(record.key()), WAIT).value(),
                Proposal.class);
    }

    private String deadLetterReason(String topic, String key) {
        return kafka.awaitDeadLetterReason(topic, key, WAIT);
    }

    private static TrialResult result(String trialId, String experimentId, TrialStatus status) {
        long seq = TrialIds.seq(trialId, experimentId);
        return new TrialResult(null, trialId, experimentId, seq, null, status,
                status == TrialStatus.OK ? null : "broke", 0.9, 12.5, "cpu", "cpu-0", null, 1000L, 2000L, 30.0,
                null, null, 0L, null, Instant.now());
    }

    private static PolicyPublished policy(String experimentId, long version) {
        return new PolicyPublished(null, experimentId, "ppo", version, "AAEC", null, Instant.now());
    }

    /**
     * Returns once every record sent to the partition before was processed: the listener takes a partition's
     * records in order, and this one, about no experiment, ends in the DLQ.
     */
    private void barrier(String topic, int partition) {
        String key = "barrier-" + UUID.randomUUID();
        Object event = topic.equals(Topics.POLICY) ? policy("exp-barrier", 1)
                : result("exp-barrier-1", "exp-barrier", TrialStatus.OK);
        kafka.produce(new ProducerRecord<>(topic, partition, key, EventJson.write(event)));
        deadLetterReason(topic, key);
    }
}
