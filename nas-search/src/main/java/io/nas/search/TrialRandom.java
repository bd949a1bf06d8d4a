package io.nas.search;

import java.util.SplittableRandom;

/**
 * The random stream of one trial. Seeding by the experiment's seed and the trial's seq alone means a sampler draws
 * the same candidate for a seq whatever happened before (restarts, redeliveries, other trials' timing).
 */
public final class TrialRandom {

    private TrialRandom() {
    }

    /** The formula is part of the contract: proposals already made depend on it. */
    public static SplittableRandom of(long seed, long seq) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + seq);
    }
}
