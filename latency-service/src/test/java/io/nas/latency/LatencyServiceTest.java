package io.nas.latency;

import io.nas.contract.Topics;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.TrialStatus;
import io.nas.testsupport.KafkaBroker;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.TestProposals;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The latency farm of device type host-cpu against a real broker and S3 server. */
@QuarkusTest
@WithTestResource(value = NasInfraResource.class,
        initArgs = @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.PROPOSALS))
class LatencyServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void createsTheTopicItProducesAndItsDlq() {
        assertThat(KafkaBroker.shared().topics()).contains(Topics.LATENCY, Topics.dlq(Topics.PROPOSALS));
    }

    @Test
    void answersOnlyTheProposalsOfItsDeviceType() {
        var elsewhere = TestProposals.proposal("exp-devices", 1, List.of("pixel3"));
        var here = TestProposals.proposal("exp-devices", 2, List.of("pixel3", "host-cpu"));
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, "exp-devices", elsewhere);
            kafka.produce(Topics.PROPOSALS, "exp-devices", here);

            var record = kafka.awaitRecord(Topics.LATENCY, r -> here.trialId().equals(r.key()), WAIT);
            var answer = EventJson.read(record.value(), LatencyMeasured.class);
            assertThat(answer.deviceType()).isEqualTo("host-cpu");
            assertThat(answer.deviceId()).isNotBlank();
            assertThat(answer.status()).isEqualTo(TrialStatus.REFUSED);
            // Same partition, so the earlier proposal was handled first: skipped, not answered.
            assertThat(kafka.awaitRecords(Topics.LATENCY, 1, WAIT))
                    .noneMatch(r -> elsewhere.trialId().equals(r.key()));
        }
    }

    @Test
    void garbageAndInvalidProposalsLandInTheDlqAndTheNextIsStillAnswered() {
        var valid = TestProposals.proposal("exp-dlq", 1, List.of("host-cpu"));
        // JSON, but no device type to measure on.
        String invalid = EventJson.write(valid).replace("\"deviceTypes\":[\"host-cpu\"]", "\"deviceTypes\":[]");
        try (var kafka = new KafkaTestClient()) {
            // One partition: the valid proposal is consumed after the two broken ones.
            kafka.produce(Topics.PROPOSALS, 0, "garbage", "\u0000\u0001 binary garbage");
            kafka.produce(Topics.PROPOSALS, 0, "invalid", invalid);
            kafka.produce(Topics.PROPOSALS, 0, valid.trialId(), EventJson.write(valid));

            assertThat(kafka.awaitDeadLetterReason(Topics.PROPOSALS, "garbage", WAIT)).isNotBlank();
            assertThat(kafka.awaitDeadLetterReason(Topics.PROPOSALS, "invalid", WAIT)).contains("deviceTypes");
            kafka.awaitRecord(Topics.LATENCY, r -> valid.trialId().equals(r.key()), WAIT);
        }
    }

    @Test
    void isReadyWithKafkaAndTheObjectStoreAndExposesMetrics() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("object-store"))
                .body(containsString("Kafka"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
