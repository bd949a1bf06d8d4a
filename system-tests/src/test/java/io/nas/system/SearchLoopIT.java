package io.nas.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.nas.contract.Topics;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.PolicyPublished;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.testsupport.ResultSchema;
import io.nas.testsupport.TopicSnapshot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The search loop through the real broker, object store, database and the four packaged services: an experiment
 * created over REST runs to its budget and every trial streams out on {@code nas.results} exactly once, valid
 * against the published schema, with the MnasNet reward of its accuracy and latency and gapless policy versions;
 * SIGKILLing the reward service and the sampler in mid-experiment loses no trial and repeats none.
 */
class SearchLoopIT {

    private static final Duration LOOP = Duration.ofSeconds(240);
    private static final double TARGET_MS = 10.0;

    @Test
    void anExperimentCreatedOverRestRunsToItsBudgetAndStreamsEveryTrialOnceWithItsReward() throws Exception {
        try (NasSystem system = new NasSystem(0.0).start()) {
            String experiment = system.create(spec("ppo", Map.of("batchSize", 5), 20, 4, 11L));

            List<TrialResult> results = awaitResults(experiment, 20);
            assertThat(results).extracting(TrialResult::seq).containsExactlyElementsOf(seqs(20));
            for (TrialResult result : results) {
                assertThat(result.status()).isEqualTo(TrialStatus.OK);
                assertThat(result.deviceType()).isEqualTo("pixel3");
                assertThat(result.counted()).isTrue();
                // Soft constraint: R = ACC x (LAT / T)^-0.07 on both sides of T.
                double expected = result.accuracy() * Math.pow(result.latencyMs() / TARGET_MS, -0.07);
                assertThat(result.reward()).isCloseTo(expected, within(1e-9));
                if (result.duplicateOf() != null) {
                    assertThat(result.trainingSeconds()).isZero();
                }
            }
            // Version n learned from seqs 5n-4..5n; the sampler tagged later proposals with what it held.
            assertThat(policies(experiment)).extracting(PolicyPublished::version).containsExactly(1L, 2L, 3L, 4L);
            assertThat(results).extracting(TrialResult::policyVersion).allMatch(version -> version >= 0 && version <= 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(system.status(experiment).get("state")
                    .asText()));
            JsonNode status = system.status(experiment);
            assertThat(status.get("completed").asInt()).isEqualTo(20);
            assertThat(status.get("inFlight").asInt()).isZero();
        }
    }

    @Test
    void killingTheRewardServiceAndTheSamplerMidExperimentLosesNoTrialAndRepeatsNone() throws Exception {
        // Each trial sleeps 1/200 of its simulated training time (about 0.5 to 1 s): long enough to kill mid-way.
        try (NasSystem system = new NasSystem(0.005).start()) {
            String experiment = system.create(spec("reinforce", Map.of("batchSize", 4), 30, 3, 5L));

            awaitResults(experiment, 6);
            system.reward.kill();
            assertThat(system.reward.exitCode()).isEqualTo(137);
            system.reward.start().awaitReady(NasSystem.START);

            awaitResults(experiment, 14);
            system.sampler.kill();
            assertThat(system.sampler.exitCode()).isEqualTo(137);
            system.sampler.start().awaitReady(NasSystem.START);

            List<TrialResult> results = awaitResults(experiment, 30);
            assertThat(results).extracting(TrialResult::seq).containsExactlyElementsOf(seqs(30));
            assertThat(policies(experiment)).extracting(PolicyPublished::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 7).boxed().toList());
            await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(system.status(experiment).get("state")
                    .asText()));
            // Nothing more comes: the sampler proposed exactly the budget.
            assertThat(system.status(experiment).get("proposed").asInt()).isEqualTo(30);
            assertThat(resultRecords(experiment)).hasSize(30);
        }
    }

    /**
     * Waits until the experiment has {@code count} distinct trials on nas.results; answers them by seq, after
     * checking that no trial appears twice and every record is valid against the published schema.
     */
    private static List<TrialResult> awaitResults(String experiment, int count) {
        await().atMost(LOOP).pollInterval(Duration.ofMillis(500))
                .until(() -> resultRecords(experiment).stream().map(ConsumerRecord::key).distinct().count() >= count);
        List<ConsumerRecord<String, String>> records = resultRecords(experiment);
        assertThat(records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting())))
                .as("every trial exactly once on nas.results").allSatisfy((trial, copies) -> assertThat(copies)
                        .isEqualTo(1L));
        records.forEach(record -> ResultSchema.assertValid(record.value()));
        return records.stream().map(record -> EventJson.read(record.value(), TrialResult.class))
                .sorted(Comparator.comparing(TrialResult::seq)).toList();
    }

    private static List<ConsumerRecord<String, String>> resultRecords(String experiment) {
        return TopicSnapshot.read(Topics.RESULTS).stream()
                .filter(record -> record.key().startsWith(experiment + "-")).toList();
    }

    private static List<PolicyPublished> policies(String experiment) {
        return TopicSnapshot.read(Topics.POLICY).stream()
                .filter(record -> experiment.equals(record.key()))
                .map(record -> EventJson.read(record.value(), PolicyPublished.class)).toList();
    }

    private static List<Long> seqs(int count) {
        return LongStream.rangeClosed(1, count).boxed().toList();
    }

    private static ExperimentSpec spec(String strategy, Map<String, Object> settings, int trials, int inFlight,
                                       long seed) {
        TrainingSpec tabular = new TrainingSpec("tabular", "cifar10-valid", null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        return new ExperimentSpec("system-test", SearchSpaceSpec.preset("nb201"), "pixel3", TARGET_MS, List.of(),
                "soft", null, null, tabular, trials, null, inFlight, strategy, settings, seed, null, null);
    }
}
