package io.nas.search;

import io.nas.contract.space.Decision;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandomSearchTest {

    private final SearchSpace space = SearchSpaces.of("mnasnet-cpu");

    @Test
    void drawsWhatTheContractFormulaSeeds() {
        // The sampler's proposals so far came from exactly this stream: one nextInt(size) per decision.
        SplittableRandom random = new SplittableRandom(42L * 0x9E3779B97F4A7C15L + 7L);
        List<Integer> expected = new ArrayList<>();
        for (Decision decision : space.decisions()) {
            expected.add(random.nextInt(decision.size()));
        }

        assertThat(RandomSearch.draw(space, 42, 7).indices()).isEqualTo(expected);
    }

    @Test
    void logProbabilityIsMinusTheLogOfTheSpaceSize() {
        Draw draw = RandomSearch.draw(space, 1, 1);

        assertThat(draw.logProbability()).isCloseTo(-Math.log(space.size().doubleValue()), within(1e-9));
        space.requireIndices(draw.indices());
    }

    @Test
    void sameSeedAndSeqSameDrawOtherSeqsDiffer() {
        assertThat(RandomSearch.draw(space, 5, 3)).isEqualTo(RandomSearch.draw(space, 5, 3));
        Set<List<Integer>> distinct = new HashSet<>();
        for (long seq = 1; seq <= 20; seq++) {
            distinct.add(RandomSearch.draw(space, 5, seq).indices());
        }
        assertThat(distinct).hasSize(20);
    }
}
