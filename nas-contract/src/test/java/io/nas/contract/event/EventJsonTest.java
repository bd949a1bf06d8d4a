package io.nas.contract.event;

import io.nas.contract.space.SearchSpaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private static final Instant AT = Instant.parse("2025-03-01T12:34:56.789Z");
    private static final TrainingSpec TRAINING = new TrainingSpec("djl", "fashion-mnist", 4, 2, 64, 16, 32,
            0.1, 0.3, 5.0, 15.0, 0.0, 0.2, 6000, 1000, "relu", 7L);

    static Stream<Arguments> events() {
        SearchSpaceSpec space = SearchSpaceSpec.preset("mnasnet-cpu");
        ExperimentSpec spec = new ExperimentSpec("fashion", space, "cpu", 12.5, List.of("pixel3"), "soft", -0.07,
                -0.07, TRAINING, 50, 12000.0, 4, "reinforce", Map.of("learningRate", "0.05", "batch", 8), 42L);
        return Stream.of(
                Arguments.of(new AccuracyMeasured(1, "exp-1", "exp", TrialStatus.OK, null, 0.91, 123_456L,
                        7_890_123L, 321.5, 812.0, "s3://nas/experiments/exp/trials/exp-1/final.params", "trainer-0", AT)),
                Arguments.of(new AccuracyMeasured(1, "exp-2", "exp", TrialStatus.FAILED, "NaN loss", null, null, null,
                        null, null, null, "trainer-1", AT)),
                Arguments.of(new LatencyMeasured(1, "exp-1", "exp", TrialStatus.OK, null, "pixel3", "pixel3-a", 3.6,
                        4.1, 3.7, 0.2, 100, LatencyMethod.REPLAYED, AT)),
                Arguments.of(new PolicyPublished(1, "exp", "reinforce", 3L, "AAEC", null, AT)),
                Arguments.of(new Proposal(1, "exp-12", "exp", 12L,
                        "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|",
                        List.of(3, 0, 1, 4, 2, 3), SearchSpaceSpec.preset("nb201"), TRAINING, 32, List.of("pixel3", "raspi4"),
                        2L, -9.65, null, AT)),
                Arguments.of(new Proposal(1, "exp-13", "exp", 13L,
                        "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|",
                        List.of(3, 0, 1, 4, 2, 3), SearchSpaceSpec.preset("nb201"), TRAINING, 32, List.of("pixel3"),
                        2L, -9.65, null, AT, LatencyMethod.PREDICTED)),
                Arguments.of(new TrainingProgress(1, "exp-1", "exp", 2, 4, 3, 24, 0.42, 0.8, 61.0, "trainer-0", AT)),
                Arguments.of(new TrialResult(1, "exp-5", "exp", 5L, "r1_k3_s11_e1_i16_o8", TrialStatus.OK, null, 0.9,
                        3.2, "pixel3", "pixel3-a", 0.88, 1000L, 20000L, 12.0, true, "s3://x", 2L, "exp-3", AT, true, List.of(0, 1, 2))),
                Arguments.of(new ExperimentUpdate(1, "exp", ExperimentState.RUNNING, spec, AT)));
    }

    @ParameterizedTest
    @MethodSource("events")
    void writeThenReadGivesTheSameRecord(Record event) {
        String json = EventJson.write(event);

        assertThat(EventJson.read(json, event.getClass())).isEqualTo(event);
    }

    @Test
    void timestampsAreIsoUtcAndNullsAreLeftOut() {
        String json = EventJson.write(new PolicyPublished(1, "exp", "evolution", 0L, null, "s3://p", AT));

        assertThat(json).contains("\"at\":\"2025-03-01T12:34:56.789Z\"").doesNotContain("parametersBase64");
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = "{\"schemaVersion\":2,\"trialId\":\"exp-1\",\"experimentId\":\"exp\",\"status\":\"OK\","
                + "\"accuracy\":0.5,\"gpuTemperature\":71,\"nested\":{\"a\":[1,2]}}";

        AccuracyMeasured event = EventJson.read(json, AccuracyMeasured.class);

        assertThat(event.accuracy()).isEqualTo(0.5);
        assertThat(event.schemaVersion()).isEqualTo(2);
    }

    @Test
    void aMissingSchemaVersionIsTheCurrentOne() {
        String json = "{\"trialId\":\"exp-1\",\"experimentId\":\"exp\",\"status\":\"OK\",\"accuracy\":0.5}";

        assertThat(EventJson.read(json, AccuracyMeasured.class).schemaVersion()).isEqualTo(1);
    }

    @Test
    void refusesAnAccuracyOutsideZeroToOneNamingTheField() {
        String json = "{\"trialId\":\"exp-1\",\"experimentId\":\"exp\",\"status\":\"OK\",\"accuracy\":1.5}";

        assertThatThrownBy(() -> EventJson.read(json, AccuracyMeasured.class))
                .hasMessageContaining("accuracy must be a fraction in [0, 1], was 1.5")
                .hasRootCauseInstanceOf(InvalidEventException.class);
        assertThat(rootField(() -> EventJson.read(json, AccuracyMeasured.class))).isEqualTo("accuracy");
    }

    @Test
    void refusesATrialIdThatIsNotExperimentDashSeq() {
        for (String trialId : List.of("other-1", "exp-0", "exp-x", "exp1", "exp-")) {
            String json = "{\"trialId\":\"" + trialId + "\",\"experimentId\":\"exp\",\"status\":\"OK\","
                    + "\"p50Ms\":1.0,\"deviceType\":\"cpu\",\"method\":\"measured\"}";

            assertThatThrownBy(() -> EventJson.read(json, LatencyMeasured.class))
                    .as(trialId).hasMessageContaining("trialId must be {experimentId}-{seq}");
        }
    }

    @Test
    void refusesOtherBrokenRecordsNamingTheField() {
        assertThat(rootField(() -> new TrialResult(1, "exp-1", "exp", 1L, "a", TrialStatus.FAILED, null, null,
                null, null, null, null, null, null, null, null, null, null, null, AT, null, null))).isEqualTo("reason");
        assertThat(rootField(() -> new LatencyMeasured(1, "exp-1", "exp", TrialStatus.OK, null, "cpu", null, -1.0,
                null, null, null, null, LatencyMethod.MEASURED, AT))).isEqualTo("p50Ms");
        assertThat(rootField(() -> new Proposal(1, "exp-2", "exp", 3L, "a", List.of(), SearchSpaceSpec.preset("nb201"),
                TRAINING, 32, List.of("cpu"), 0L, 0.0, null, AT))).isEqualTo("seq");
        assertThat(rootField(() -> new PolicyPublished(1, "exp", "ppo", 1L, "AA", "s3://p", AT)))
                .isEqualTo("parametersBase64");
        assertThat(rootField(() -> new TrainingProgress(1, "exp-1", "exp", 1, 1, 1, 32, 0.1, 0.5, -2.0, "t", AT)))
                .isEqualTo("elapsedSeconds");
    }

    @Test
    void latencyMethodIsWrittenInLowerCase() {
        String json = EventJson.write(new LatencyMeasured(1, "exp-1", "exp", TrialStatus.OK, null, "cpu", "cpu-0",
                1.0, null, null, null, 10, LatencyMethod.PREDICTED, AT));

        assertThat(json).contains("\"method\":\"predicted\"");
    }

    private static String rootField(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (!(cause instanceof InvalidEventException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof InvalidEventException invalid) {
                return invalid.field();
            }
            throw e;
        }
        throw new AssertionError("expected the record to be refused");
    }
}
