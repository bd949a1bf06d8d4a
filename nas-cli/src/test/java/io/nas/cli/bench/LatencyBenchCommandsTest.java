package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.CapturedCommand;
import io.nas.cli.NasCommand;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.model.latency.LatencyTable;
import io.nas.model.latency.LayerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBenchCommandsTest {

    private final CapturedCommand command = CapturedCommand.nas();

    private JsonNode lastLineJson() throws Exception {
        List<String> lines = command.out().strip().lines().toList();
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    @Test
    void repeatabilityEndsWithItsFigures() throws Exception {
        assertThat(command.run("bench", "latency-repeatability", "--models", "2", "--repeats", "2", "--seed", "4", "--json"))
                .as(command.err()).isZero();

        assertThat(command.out()).contains("model 1/2:", "model 2/2:");
        JsonNode json = lastLineJson();
        // How small the CV is depends on the machine's load: that figure is the benchmark's, not this test's.
        assertThat(json.get("maxCv").asDouble()).isGreaterThanOrEqualTo(json.get("medianCv").asDouble());
        assertThat(json.get("medianCv").asDouble()).isNotNegative();
        assertThat(json.get("modelsWithinGoal").asInt()).isBetween(0, 2);
        assertThat(json.get("secondsPerMeasurement").asDouble()).isPositive();
    }

    @Test
    void predictorComparesATableWithMeasurements(@TempDir Path dir) throws Exception {
        // A made-up table with every entry of the preset, so the test does not spend minutes building one.
        SearchSpaceSpec space = SearchSpaceSpec.preset("mnasnet-cpu").resolved();
        LatencyTable.Entries entries = LatencyTable.entries(space);
        Map<String, Double> layers = new HashMap<>();
        entries.layers().stream().map(LayerConfig::key).forEach(key -> layers.put(key, 0.05));
        Map<String, Double> heads = new HashMap<>();
        entries.headWidths().forEach(width -> heads.put("cin" + width, 0.05));
        Path lut = dir.resolve("lut.json");
        Files.writeString(lut, new LatencyTable("host-cpu", space, 1, 0.05, heads, layers, null, 0.0, 1.3).toJson());

        assertThat(command.run("bench", "latency-predictor", "--models", "2", "--lut", lut.toString(), "--json"))
                .as(command.err()).isZero();

        assertThat(command.out()).contains("speed reference", "network factor 1.300", "model 2/2: measured");
        JsonNode json = lastLineJson();
        assertThat(json.get("withinTenPercent").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("secondsPerMeasurement").asDouble())
                .isGreaterThan(json.get("secondsPerPrediction").asDouble());
        assertThat(json.get("tableEntries").asInt()).isEqualTo(entries.total());
    }

    @Test
    void refusesBadOptions() {
        assertThat(command.run("bench", "latency-repeatability", "--repeats", "1")).isEqualTo(NasCommand.INPUT_ERROR);
        assertThat(command.run("bench", "latency-predictor", "--preset", "nb201")).isEqualTo(NasCommand.INPUT_ERROR);
        assertThat(command.err()).contains("--repeats", "mnasnet space");
    }
}
