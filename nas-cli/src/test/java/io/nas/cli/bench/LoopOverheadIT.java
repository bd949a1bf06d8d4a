package io.nas.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.cli.CapturedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code nas bench loop-overhead} through the real services with one trainer: the trials' sleeps are the minimum, and
 * one trainer cannot finish them in less, so the wall time is at least the minimum.
 */
class LoopOverheadIT {

    @Test
    void oneTrainerTakesAtLeastTheSumOfItsTrialsSleeps(@TempDir Path work) throws Exception {
        CapturedCommand nas = CapturedCommand.nas();
        int exit = nas.run("bench", "loop-overhead", "--trials", "12", "--trainers", "1", "--trial-seconds", "0.25",
                "--work-dir", work.toString(), "--json");
        assertThat(exit).as(nas.out() + nas.err()).isZero();

        JsonNode figures = new ObjectMapper().readTree(nas.out().lines().reduce((a, b) -> b).orElseThrow());
        double minimum = figures.path("minimumSeconds").asDouble();
        double wall = figures.path("wallSeconds").asDouble();
        // 12 trials of about 0.25 s each: the sleeps sum to seconds, not zero or minutes.
        assertThat(minimum).isBetween(0.5, 15.0);
        assertThat(wall).isGreaterThanOrEqualTo(minimum);
        assertThat(figures.path("overhead").asDouble()).isCloseTo(wall / minimum - 1,
                within(1e-9));
        assertThat(nas.out()).contains("overhead").contains("warm-up: 4 trials");
    }
}
