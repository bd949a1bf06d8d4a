package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.CapturedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code nas bench search} with a small budget through the real services: every run's answer is a cell of the
 * NAS-Bench-201 table with that cell's search accuracy, and the printed figures are those of the answers.
 */
class SearchBenchIT {

    @Test
    void seededRunsThroughTheServicesReturnTableCellsWithTheirAccuracy(@TempDir Path work) throws Exception {
        Path csv = work.resolve("answers.csv");
        CapturedCommand nas = CapturedCommand.nas();
        int exit = nas.run("bench", "search", "--strategy", "random,evolution", "--runs", "2", "--budget", "600",
                "--parallel", "4", "--out", csv.toString(), "--work-dir", work.resolve("deployment").toString(),
                "--json");
        assertThat(exit).as(nas.out() + nas.err()).isZero();

        Nb201Table table = Nb201Table.read(Nb201Table.defaultFile());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("strategy,seed,arch_index,arch_str,search_accuracy");
        assertThat(lines).hasSize(5);
        double randomSum = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertThat(Integer.parseInt(fields[2])).isEqualTo(table.index(fields[3])).isNotNegative();
            assertThat(Double.parseDouble(fields[4])).isCloseTo(table.searchAccuracy(fields[3]),
                    within(1e-3));
            if (fields[0].equals("random")) {
                randomSum += Double.parseDouble(fields[4]);
            }
        }
        String last = nas.out().lines().reduce((a, b) -> b).orElseThrow();
        JsonNode figures = new ObjectMapper().readTree(last);
        assertThat(figures.path("random").path("runs").asInt()).isEqualTo(2);
        assertThat(figures.path("evolution").path("runs").asInt()).isEqualTo(2);
        assertThat(figures.path("random").path("meanAccuracy").asDouble())
                .isCloseTo(randomSum / 2, within(1e-3));
    }
}
