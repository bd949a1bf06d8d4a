package io.nas.search;

import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegularizedEvolutionTest {

    private final SearchSpace space = SearchSpaces.of("nb201");

    private static int differences(List<Integer> a, List<Integer> b) {
        int count = 0;
        for (int i = 0; i < a.size(); i++) {
            count += a.get(i).equals(b.get(i)) ? 0 : 1;
        }
        return count;
    }

    private List<Observation> randomHistory(int size, long seed) {
        List<Observation> history = new ArrayList<>();
        for (long seq = 1; seq <= size; seq++) {
            history.add(Observation.of(seq, RandomSearch.draw(space, seed, seq), seq * 0.01));
        }
        return history;
    }

    @Test
    void drawsWhatRandomSearchDrawsUntilThePopulationIsFull() {
        RegularizedEvolution evolution = new RegularizedEvolution(10, 3);
        List<Observation> history = randomHistory(9, 3);

        assertThat(evolution.next(space, history, 3, 10)).isEqualTo(RandomSearch.draw(space, 3, 10));
    }

    @Test
    void withTheWholePopulationSampledTheChildMutatesExactlyOneDecisionOfTheBest() {
        RegularizedEvolution evolution = new RegularizedEvolution(5, 5);
        List<Observation> history = new ArrayList<>(randomHistory(5, 1));
        // The best is in the middle, so neither the oldest nor the youngest.
        Observation best = history.get(2);
        history.set(2, new Observation(best.seq(), best.indices(), best.logProbability(), 0.99));

        for (long seq = 6; seq < 40; seq++) {
            Draw child = evolution.next(space, history, 1, seq);
            // With replacement, 5 draws from 5 miss the best now and then; then another member is the parent.
            long parents = history.stream().filter(o -> differences(o.indices(), child.indices()) == 1).count();
            assertThat(parents).isGreaterThanOrEqualTo(1);
            assertThat(child.logProbability()).isCloseTo(-Math.log(6) - Math.log(4), within(1e-12));
        }
    }

    @Test
    void theOldestBySeqDieFirstWhateverTheArrivalOrder() {
        RegularizedEvolution evolution = new RegularizedEvolution(3, 3);
        List<Integer> champion = List.of(0, 0, 0, 0, 0, 0);
        List<Integer> others = List.of(4, 4, 4, 4, 4, 4);
        List<Observation> history = new ArrayList<>();
        // seq 1 is the champion but the oldest; it arrives last.
        history.add(new Observation(2, others, 0, 0.1));
        history.add(new Observation(3, others, 0, 0.2));
        history.add(new Observation(4, others, 0, 0.3));
        history.add(new Observation(1, champion, 0, 0.9));

        for (long seq = 5; seq < 30; seq++) {
            Draw child = evolution.next(space, history, 9, seq);
            assertThat(differences(child.indices(), others)).isEqualTo(1);
        }
    }

    @Test
    void dependsOnlyOnSeedSeqAndTheHistoryNotItsOrder() {
        RegularizedEvolution evolution = new RegularizedEvolution(8, 3);
        List<Observation> history = randomHistory(30, 4);
        List<Observation> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(1));

        assertThat(evolution.next(space, shuffled, 4, 31)).isEqualTo(evolution.next(space, history, 4, 31));
        assertThat(evolution.next(space, history, 4, 31)).isNotEqualTo(evolution.next(space, history, 4, 32));
    }

    @Test
    void refusesAHistoryWithARepeatedSeq() {
        List<Observation> history = new ArrayList<>(randomHistory(4, 1));
        history.add(history.get(0));

        assertThatThrownBy(() -> new RegularizedEvolution(3, 2).next(space, history, 1, 6))
                .hasMessage("the history holds seq 1 twice");
    }

    @Test
    void findsBetterThanRandomSearchOnAHiddenTarget() {
        SearchSpace mnas = SearchSpaces.of("mnasnet-cpu");
        RegularizedEvolution evolution = new RegularizedEvolution(EvolutionSettings.DEFAULTS);
        int trials = 200;
        double evolved = 0.0;
        double random = 0.0;
        for (long seed = 1; seed <= 5; seed++) {
            ToDoubleFunction<List<Integer>> reward = SearchRuns.hiddenTarget(mnas, seed);
            evolved += SearchRuns.best(SearchRuns.evolution(evolution, mnas, seed, trials, reward)) / 5;
            random += SearchRuns.best(SearchRuns.random(mnas, seed, trials, reward)) / 5;
        }
        System.out.printf("evolution vs random, best of %d on a hidden mnasnet-cpu target: %.3f vs %.3f%n",
                trials, evolved, random);

        assertThat(evolved).isGreaterThan(random + 0.1);
    }
}
