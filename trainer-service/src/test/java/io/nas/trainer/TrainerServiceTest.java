package io.nas.trainer;

import io.nas.contract.Topics;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.EventJson;
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

/** The trainer against a real broker and S3 server: topics, pass-through answers, DLQ, health and metrics. */
@QuarkusTest
@WithTestResource(value = NasInfraResource.class,
        initArgs = @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.PROPOSALS))
class TrainerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void createsTheTopicsItProducesAndItsDlq() {
        assertThat(KafkaBroker.shared().topics())
                .contains(Topics.ACCURACY, Topics.TRAINING_PROGRESS, Topics.dlq(Topics.PROPOSALS));
    }

    @Test
    void answersAProposalOnTheAccuracyTopic() {
        var proposal = TestProposals.proposal("exp-answer", 1, List.of("host-cpu"));
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, proposal.trialId(), proposal);

            var record = kafka.awaitRecord(Topics.ACCURACY, r -> proposal.trialId().equals(r.key()), WAIT);
            var answer = EventJson.read(record.value(), AccuracyMeasured.class);
            assertThat(answer.trialId()).isEqualTo(proposal.trialId());
            assertThat(answer.status()).isEqualTo(TrialStatus.REFUSED);
            assertThat(answer.reason()).contains("issue 3");
        }
    }

    @Test
    void garbageAndInvalidProposalsLandInTheDlqAndTheNextIsStillAnswered() {
        var valid = TestProposals.proposal("exp-dlq", 1, List.of("host-cpu"));
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
            kafka.awaitRecord(Topics.ACCURACY, r -> valid.trialId().equals(r.key()), WAIT);
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
