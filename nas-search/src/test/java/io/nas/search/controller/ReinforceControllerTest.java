package io.nas.search.controller;

import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import io.nas.search.Observation;
import io.nas.search.ReinforceSettings;
import io.nas.search.SearchRuns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReinforceControllerTest {

    private final ReinforceController reinforce = new ReinforceController(ReinforceSettings.DEFAULTS);

    @Test
    void startsFromTheUniformPrior() {
        SearchSpace space = SearchSpaces.of("mnasnet-cpu");
        Policy policy = reinforce.policy(reinforce.initial(space, 1).weights(), space);

        assertThat(policy.sample(new SplittableRandom(3)).logProbability())
                .isCloseTo(-Math.log(space.size().doubleValue()), within(1e-9));
    }

    @Test
    void sameSeedAndBatchesGiveBitIdenticalStatesAndDraws() {
        SearchSpace space = SearchSpaces.of("mnasnet-cpu");
        List<Observation> first = SearchRuns.controller(reinforce, space, 4, 40, SearchRuns.hiddenTarget(space, 4));
        List<Observation> second = SearchRuns.controller(reinforce, space, 4, 40, SearchRuns.hiddenTarget(space, 4));

        assertThat(second).isEqualTo(first);
        ControllerState a = reinforce.initial(space, 4);
        ControllerState b = reinforce.initial(space, 4);
        for (int from = 0; from < first.size(); from += reinforce.batchSize()) {
            a = reinforce.update(a, first.subList(from, from + reinforce.batchSize()));
            b = reinforce.update(b, second.subList(from, from + reinforce.batchSize()));
        }
        assertThat(b.toBytes()).isEqualTo(a.toBytes());
    }

    @Test
    void theBaselineStartsAtTheFirstBatchMeanThenMovesRewardByRewardInSeqOrder() {
        SearchSpace space = SearchSpaces.of("nb201");
        List<Integer> any = List.of(0, 0, 0, 0, 0, 0);
        List<Observation> batch = List.of(new Observation(2, any, 0, 0.6), new Observation(1, any, 0, 0.2));

        ControllerState state = reinforce.update(reinforce.initial(space, 1), batch);

        // mean 0.4; then 0.95 * 0.4 + 0.05 * 0.2 = 0.39 (seq 1 first); then 0.95 * 0.39 + 0.05 * 0.6 = 0.4005
        assertThat(state.baseline()).hasValueCloseTo(0.4005, within(1e-12));
    }

    @Test
    void learnsAHiddenTargetOnNb201() {
        SearchSpace space = SearchSpaces.of("nb201");
        double uniform = SearchRuns.uniformExpectation(space);
        List<Observation> run = SearchRuns.controller(reinforce, space, 1, 150, SearchRuns.hiddenTarget(space, 1));

        double late = SearchRuns.meanOfLast(run, 25);
        System.out.printf("reinforce nb201 hidden target: mean reward of the last 25 of 150 trials %.3f, uniform %.3f%n",
                late, uniform);
        assertThat(late).isGreaterThan(uniform + 0.3);
    }

    @Test
    void learnsAHiddenTargetOnTheMnasNetCpuSpace() {
        SearchSpace space = SearchSpaces.of("mnasnet-cpu");
        double uniform = SearchRuns.uniformExpectation(space);
        List<Observation> run = SearchRuns.controller(reinforce, space, 2, 300, SearchRuns.hiddenTarget(space, 2));

        double late = SearchRuns.meanOfLast(run, 50);
        System.out.printf("reinforce mnasnet-cpu hidden target: mean reward of the last 50 of 300 trials %.3f, "
                + "uniform %.3f%n", late, uniform);
        assertThat(late).isGreaterThan(uniform + 0.2);
    }
}
