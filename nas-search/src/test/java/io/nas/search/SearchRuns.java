package io.nas.search;

import io.nas.contract.space.SearchSpace;
import io.nas.search.controller.ControllerState;
import io.nas.search.controller.Policy;
import io.nas.search.controller.PolicyController;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Runs a strategy against a reward for a number of trials, the way sampler and reward service would, in sync. */
public final class SearchRuns {

    private SearchRuns() {
    }

    /** Proposes, scores and, every {@code batchSize} results, updates and republishes the policy (via bytes). */
    public static List<Observation> controller(PolicyController controller, SearchSpace space, long seed, int trials,
                                               ToDoubleFunction<List<Integer>> reward) {
        ControllerState state = controller.initial(space, seed);
        Policy policy = controller.policy(state.weights(), space);
        List<Observation> all = new ArrayList<>();
        List<Observation> batch = new ArrayList<>();
        for (long seq = 1; seq <= trials; seq++) {
            Draw draw = policy.sample(TrialRandom.of(seed, seq));
            Observation observation = Observation.of(seq, draw, reward.applyAsDouble(draw.indices()));
            all.add(observation);
            batch.add(observation);
            if (batch.size() == controller.batchSize()) {
                state = controller.update(state, batch);
                policy = controller.policy(state.weights(), space);
                batch.clear();
            }
        }
        return all;
    }

    public static List<Observation> evolution(RegularizedEvolution evolution, SearchSpace space, long seed,
                                              int trials, ToDoubleFunction<List<Integer>> reward) {
        List<Observation> history = new ArrayList<>();
        for (long seq = 1; seq <= trials; seq++) {
            Draw draw = evolution.next(space, history, seed, seq);
            history.add(Observation.of(seq, draw, reward.applyAsDouble(draw.indices())));
        }
        return history;
    }

    public static List<Observation> random(SearchSpace space, long seed, int trials,
                                           ToDoubleFunction<List<Integer>> reward) {
        List<Observation> all = new ArrayList<>();
        for (long seq = 1; seq <= trials; seq++) {
            Draw draw = RandomSearch.draw(space, seed, seq);
            all.add(Observation.of(seq, draw, reward.applyAsDouble(draw.indices())));
        }
        return all;
    }

    /** The fraction of decisions equal to a hidden target vector drawn from {@code seed}. */
    public static ToDoubleFunction<List<Integer>> hiddenTarget(SearchSpace space, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Integer> target = space.decisions().stream().map(d -> random.nextInt(d.size())).toList();
        return indices -> {
            int hits = 0;
            for (int d = 0; d < target.size(); d++) {
                hits += indices.get(d).equals(target.get(d)) ? 1 : 0;
            }
            return (double) hits / target.size();
        };
    }

    /** The hidden-target reward's mean under uniform draws: the mean of 1 / options. */
    public static double uniformExpectation(SearchSpace space) {
        return space.decisions().stream().mapToDouble(d -> 1.0 / d.size()).average().orElseThrow();
    }

    public static double best(List<Observation> observations) {
        return observations.stream().mapToDouble(Observation::reward).max().orElseThrow();
    }

    /** The mean reward of the last {@code count} observations. */
    public static double meanOfLast(List<Observation> observations, int count) {
        return observations.subList(observations.size() - count, observations.size()).stream()
                .mapToDouble(Observation::reward).average().orElseThrow();
    }
}
