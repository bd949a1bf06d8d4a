package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

class TrainerEfficiencyCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new TrainerEfficiencyCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void theDefaultCandidateIsInTheCpuSpace() {
        assertThat(SearchSpaces.of("mnasnet-cpu").encode(MnasArchitecture.parse(
                TrainerEfficiencyCommand.DEFAULT_ARCHITECTURE))).isNotEmpty();
    }

    @Test
    void endsWithTheFiguresAsJson() throws Exception {
        assertThat(run("--threads", "1", "--batch", "8", "--warmup", "1", "--steps", "2", "--gemm-size", "256",
                "--json")).as(err.toString()).isZero();

        List<String> lines = out.toString().strip().lines().toList();
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
        assertThat(run("--batch", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--batch must be >= 1");
    }
}
