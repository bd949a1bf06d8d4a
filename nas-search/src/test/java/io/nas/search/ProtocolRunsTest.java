package io.nas.search;

import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated protocol's bookkeeping on a synthetic table: budget, counting, duplicates, policy arrival, answer. */
class ProtocolRunsTest {

    private final SearchSpace space = SearchSpaces.of("nb201");

    /** Reward: the hidden-target score; cost: 100 s plus 10 s per index of edge 0. */
    private ProtocolRuns.Oracle oracle(long seed) {
        ToDoubleFunction<List<Integer>> reward = SearchRuns.hiddenTarget(space, seed);
        return new ProtocolRuns.Oracle() {
            @Override
            public double reward(List<Integer> indices) {
                return reward.applyAsDouble(indices);
            }

            @Override
            public double trainingSeconds(List<Integer> indices) {
                return 100.0 + 10.0 * indices.get(0);
            }
        };
    }

    @Test
    void proposesUntilTheSecondsAreSpentAndCountsOnlyTrialsWithinTheCap() {
        ProtocolRuns.Run run = ProtocolRuns.run("random", null, space, 3, ProtocolRuns.Budget.seconds(2_000), oracle(3));

        double spent = 0.0;
        for (ProtocolRuns.Trial trial : run.trials()) {
            assertThat(spent).as("proposed only while below the cap").isLessThan(2_000);
            spent += trial.trainingSeconds();
            assertThat(trial.counted()).isEqualTo(trial.duplicate() || spent <= 2_000);
        }
        assertThat(spent).isGreaterThanOrEqualTo(2_000);
        assertThat(run.trials().get(run.trialCount() - 1).counted()).isEqualTo(spent == 2_000);
        assertThat(run.guardStopped()).isFalse();
        assertThat(run.trials()).extracting(ProtocolRuns.Trial::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, run.trialCount()).boxed().toList());
    }

    @Test
    void aDuplicateCostsNothingTakesItsOriginalsRewardAndIsNeverTheAnswer() {
        // A greedy REINFORCE collapses onto a few cells quickly: plenty of duplicates.
        Map<String, Object> greedy = Map.of("learningRate", 1.0, "batchSize", 1);
        ProtocolRuns.Run run = ProtocolRuns.run("reinforce", greedy, space, 5,
                ProtocolRuns.Budget.seconds(3_000).withMaxTrials(300), oracle(5));

        assertThat(run.duplicates()).isGreaterThan(10);
        Map<List<Integer>, ProtocolRuns.Trial> first = new HashMap<>();
        for (ProtocolRuns.Trial trial : run.trials()) {
            ProtocolRuns.Trial original = first.putIfAbsent(trial.indices(), trial);
            if (original == null) {
                assertThat(trial.duplicate()).isFalse();
            } else {
                assertThat(trial.duplicateOf()).isEqualTo(original.seq());
                assertThat(trial.trainingSeconds()).isZero();
                assertThat(trial.reward()).isEqualTo(original.reward());
                assertThat(trial.counted()).isTrue();
            }
        }
        ProtocolRuns.Trial answer = run.answer().orElseThrow();
        assertThat(answer.duplicate()).isFalse();
        assertThat(run.trials()).filteredOn(ProtocolRuns.Trial::counted)
                .allSatisfy(t -> assertThat(t.reward()).isLessThanOrEqualTo(answer.reward()))
                .filteredOn(t -> t.reward() == answer.reward())
                .allSatisfy(t -> assertThat(t.seq()).isGreaterThanOrEqualTo(answer.seq()));
    }

    @Test
    void withOnlyASecondsCapACollapsedPolicyStopsOnceItConverges() {
        Map<String, Object> greedy = Map.of("learningRate", 1.0, "batchSize", 1);
        ProtocolRuns.Run run = ProtocolRuns.run("reinforce", greedy, space, 5,
                ProtocolRuns.Budget.seconds(100_000).withGuard(2_000), oracle(5));

        assertThat(run.guardStopped()).isTrue();
        assertThat(run.duplicates()).isEqualTo(ProtocolRuns.CONVERGED_DUPLICATES);
        assertThat(2 * run.duplicates()).isGreaterThanOrEqualTo(run.trialCount());
        assertThat(run.trialCount()).isLessThan(2_000);
        assertThat(run.trainingSeconds()).isLessThan(100_000);
    }

    @Test
    void versionNReachesTheSamplerAfterTrialNbOrOneProposalLater() {
        ProtocolRuns.Budget budget = ProtocolRuns.Budget.seconds(3_000);
        ProtocolRuns.Run prompt = ProtocolRuns.run("reinforce", null, space, 7, budget, oracle(7));
        ProtocolRuns.Run late = ProtocolRuns.run("reinforce", null, space, 7, budget.withPolicyLag(1), oracle(7));
        int batch = ReinforceSettings.DEFAULTS.batchSize();

        for (ProtocolRuns.Trial trial : prompt.trials()) {
            assertThat(trial.policyVersion()).isEqualTo((trial.seq() - 1) / batch);
        }
        for (ProtocolRuns.Trial trial : late.trials()) {
            assertThat(trial.policyVersion()).isEqualTo(Math.max(0, trial.seq() - 2) / batch);
        }
        // Up to seq B + 1 the same version draws the same candidates; seq B + 1 differs in version only by lag.
        assertThat(late.trials().subList(0, batch)).isEqualTo(prompt.trials().subList(0, batch));
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        for (String strategy : Strategies.names()) {
            ProtocolRuns.Budget budget = ProtocolRuns.Budget.seconds(4_000);
            assertThat(ProtocolRuns.run(strategy, null, space, 11, budget, oracle(11)))
                    .isEqualTo(ProtocolRuns.run(strategy, null, space, 11, budget, oracle(11)));
        }
    }

    @Test
    void randomProposesWhatTheSamplerDrawsForEachSeq() {
        ProtocolRuns.Run run = ProtocolRuns.run("random", null, space, 13, ProtocolRuns.Budget.seconds(1_500), oracle(13));
        for (ProtocolRuns.Trial trial : run.trials()) {
            assertThat(trial.indices()).isEqualTo(RandomSearch.draw(space, 13, trial.seq()).indices());
        }
    }
}
