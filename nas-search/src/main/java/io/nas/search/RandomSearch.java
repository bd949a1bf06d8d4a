package io.nas.search;

import io.nas.contract.space.Decision;
import io.nas.contract.space.SearchSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The uniform prior: every decision drawn independently and uniformly, seeded by (seed, seq) only. */
public final class RandomSearch {

    private RandomSearch() {
    }

    public static Draw draw(SearchSpace space, long seed, long seq) {
        return draw(space, TrialRandom.of(seed, seq));
    }

    /** A uniform draw from a given stream; the log-probability is {@code -sum(log size)}. */
    public static Draw draw(SearchSpace space, SplittableRandom random) {
        List<Integer> indices = new ArrayList<>();
        double logProbability = 0.0;
        for (Decision decision : space.decisions()) {
            indices.add(random.nextInt(decision.size()));
            logProbability -= StrictMath.log(decision.size());
        }
        return new Draw(indices, logProbability);
    }
}
