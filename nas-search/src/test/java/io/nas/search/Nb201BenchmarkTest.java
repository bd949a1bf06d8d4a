package io.nas.search;

import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every strategy, with its default settings, against the real NAS-Bench-201 table: 20 seeds of 150 trials each,
 * reward = 12-epoch validation accuracy. Each learning strategy's mean best must reach random search's.
 */
class Nb201BenchmarkTest {

    private static final int SEEDS = 20;
    private static final int TRIALS = 150;

    /** The table as the trainer's tabular backend reads it: {@code ../shared/bench/nb201/search.csv} from the root. */
    private static Path table() {
        String configured = System.getProperty("nb201.csv");
        return Stream.of(configured, "../../shared/bench/nb201/search.csv", "../shared/bench/nb201/search.csv",
                        "/work/shared/bench/nb201/search.csv")
                .filter(p -> p != null && Files.isRegularFile(Path.of(p)))
                .map(Path::of).findFirst().orElse(null);
    }

    /** Validation accuracy (fraction) by the cell's index vector read as a base-5 number, edge 0 least significant. */
    private static double[] accuracies(SearchSpace space, Path csv) throws IOException {
        double[] accuracy = new double[15625];
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("arch_index,arch_str,valid_acc_12ep,");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            accuracy[code(space.encode(fields[1]))] = Double.parseDouble(fields[2]) / 100.0;
        }
        return accuracy;
    }

    private static int code(List<Integer> indices) {
        int code = 0;
        for (int e = indices.size() - 1; e >= 0; e--) {
            code = code * 5 + indices.get(e);
        }
        return code;
    }

    @Test
    void everyStrategyFindsAtLeastWhatRandomSearchFinds() throws IOException {
        Path csv = table();
        assumeTrue(csv != null, "the NAS-Bench-201 table is not there");
        SearchSpace space = SearchSpaces.of("nb201");
        double[] accuracy = accuracies(space, csv);
        ToDoubleFunction<List<Integer>> reward = indices -> accuracy[code(indices)];

        Map<String, Double> meanBest = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String strategy : Strategies.names()) {
            long started = System.nanoTime();
            double sum = 0.0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                List<Observation> run = switch (strategy) {
                    case Strategies.RANDOM -> SearchRuns.random(space, seed, TRIALS, reward);
                    case Strategies.EVOLUTION -> SearchRuns.evolution(Strategies.evolution(Map.of()), space, seed,
                            TRIALS, reward);
                    default -> SearchRuns.controller(Strategies.controller(strategy, Map.of()), space, seed,
                            TRIALS, reward);
                };
                sum += SearchRuns.best(run);
            }
            meanBest.put(strategy, sum / SEEDS);
            seconds.put(strategy, (System.nanoTime() - started) / 1e9);
        }

        System.out.printf("NAS-Bench-201, %d seeds x %d trials, mean best valid_acc_12ep (default settings):%n",
                SEEDS, TRIALS);
        meanBest.forEach((strategy, best) -> System.out.printf("  %-10s %.4f   (%.1f s)%n", strategy, 100 * best,
                seconds.get(strategy)));
        double random = meanBest.get(Strategies.RANDOM);
        assertThat(meanBest.get(Strategies.REINFORCE)).isGreaterThanOrEqualTo(random);
        assertThat(meanBest.get(Strategies.PPO)).isGreaterThanOrEqualTo(random);
        assertThat(meanBest.get(Strategies.EVOLUTION)).isGreaterThanOrEqualTo(random);
    }
}
