package io.nas.sampler.service;

import io.nas.contract.space.Decision;
import io.nas.contract.space.SearchSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The uniform prior over a space's decisions: every index drawn independently and uniformly. Each draw is seeded
 * by the experiment's seed and the trial's seq, so the same experiment proposes the same candidates whatever
 * happened in between (restarts, redeliveries).
 */
final class UniformSampler {

    /** Choice indices, one per decision, and the natural log of their probability under the prior. */
    record Draw(List<Integer> indices, double logProbability) {
    }

    private UniformSampler() {
    }

    static Draw draw(SearchSpace space, long seed, long seq) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + seq);
        List<Integer> indices = new ArrayList<>();
        double logProbability = 0.0;
        for (Decision decision : space.decisions()) {
            indices.add(random.nextInt(decision.size()));
            logProbability -= Math.log(decision.size());
        }
        return new Draw(List.copyOf(indices), logProbability);
    }
}
