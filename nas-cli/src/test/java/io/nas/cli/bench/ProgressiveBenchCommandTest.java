package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.CapturedCommand;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.space.SearchSpaces;
import io.nas.model.train.EpochReport;
import io.nas.model.train.TrainingOutcome;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;


import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class ProgressiveBenchCommandTest {

    private final CapturedCommand command = new CapturedCommand(new CommandLine(new ProgressiveBenchCommand()));

    @Test
    void theDefaultCandidateIsInTheCpuSpace() {
        assertThat(SearchSpaces.of("mnasnet-cpu").encode(MnasArchitecture.parse(
                ProgressiveBenchCommand.DEFAULT_ARCHITECTURE))).isNotEmpty();
    }

    @Test
    void trainsBothSchedulesOnFashionMnistAndEndsWithTheFiguresAsJson() throws Exception {
        assertThat(command.run("--train-examples", "256", "--validation-examples", "200", "--stages", "2",
                "--epochs-per-stage", "1", "--batch-size", "32", "--size-start", "16", "--size-end", "24",
                "--json")).as(command.err()).isZero();

        List<String> lines = command.out().strip().lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("fixed       stage 2/2 epoch 1/1  24 px"));
        assertThat(lines).anyMatch(line -> line.startsWith("progressive stage 1/2 epoch 1/1  16 px"));
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("accuracyFixed").asDouble()).isBetween(0.0, 100.0);
        assertThat(json.get("accuracyProgressive").asDouble()).isBetween(0.0, 100.0);
        assertThat(json.get("secondsFixed").asDouble()).isPositive();
        assertThat(json.get("secondsProgressive").asDouble()).isPositive();
        assertThat(json.has("ratio")).isTrue();
        if (!json.get("ratio").isNull()) {
            assertThat(json.get("ratio").asDouble()).isCloseTo(
                    json.get("secondsProgressiveToFixedAccuracy").asDouble() / json.get("secondsFixed").asDouble(),
                    offset(0.01));
        }
    }

    @Test
    void theRatioCountsProgressiveSecondsUntilTheFixedAccuracyIsFirstReached() {
        TrainingOutcome fixed = outcome(0.80, 100);
        TrainingOutcome progressive = outcome(0.82, 70);
        List<EpochReport> epochs = List.of(epoch(0.60, 20), epoch(0.80, 45), epoch(0.79, 60), epoch(0.82, 70));

        ProgressiveBenchCommand.BenchResult result = ProgressiveBenchCommand.BenchResult.of(epochs, progressive, fixed);

        assertThat(result.secondsToReach()).isEqualTo(45.0);
        assertThat(result.ratio()).isEqualTo(0.45);
        assertThat(result.goalMet()).isTrue();
        assertThat(ProgressiveBenchCommand.BenchResult.of(List.of(epoch(0.7, 70)), outcome(0.7, 70), fixed).ratio())
                .isNull();
    }

    @Test
    void refusesABadSchedule() {
        assertThat(command.run("--stages", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(command.err()).contains("stages must be >= 1");
    }

    private static TrainingOutcome outcome(double accuracy, double seconds) {
        return new TrainingOutcome(accuracy, seconds, 1, 1, List.of(seconds), List.of(), new byte[0]);
    }

    private static EpochReport epoch(double accuracy, double seconds) {
        return new EpochReport(0, 1, 0, 32, 1.0, accuracy, accuracy, 1, seconds, seconds);
    }
}
