package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.CapturedCommand;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;


import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

class TrainerEfficiencyCommandTest {

    private final CapturedCommand command = new CapturedCommand(new CommandLine(new TrainerEfficiencyCommand()));

    @Test
    void theDefaultCandidateIsInTheCpuSpace() {
        assertThat(SearchSpaces.of("mnasnet-cpu").encode(MnasArchitecture.parse(
                TrainerEfficiencyCommand.DEFAULT_ARCHITECTURE))).isNotEmpty();
    }

    @Test
    void endsWithTheFiguresAsJson() throws Exception {
        assertThat(command.run("--threads", "1", "--batch", "8", "--warmup", "1", "--steps", "2", "--gemm-size", "256",
                "--json")).as(command.err()).isZero();

        List<String> lines = command.out().strip().lines().toList();
        assertThat(lines.size()).isGreaterThan(4);
        assertThat(lines).anyMatch(line -> line.startsWith("step 2/2"));
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("efficiency").asDouble()).isStrictlyBetween(0.0, 1.0);
        assertThat(json.get("imagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("gemmFlopsPerSecond").asDouble()).isPositive();
        assertThat(json.get("trainFlopsPerSecond").asDouble()).isCloseTo(
                json.get("imagesPerSecond").asDouble() * json.get("maddsPerImage").asLong() * 6,
                withPercentage(0.001));
        assertThat(json.get("maddsPerImage").asLong()).isEqualTo(1_007_232L);
    }

    @Test
    void refusesABadOption() {
        assertThat(command.run("--batch", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(command.err()).contains("--batch must be >= 1");
    }
}
