package io.nas.search;

import java.util.List;

/**
 * A finished trial a strategy learns from: its seq (proposal order, which orders batches and evolution's ages), its
 * choice indices, the log-probability recorded when it was sampled (under the policy version that drew it) and its
 * reward.
 */
public record Observation(long seq, List<Integer> indices, double logProbability, double reward) {

    public Observation {
        if (indices == null || indices.isEmpty()) {
            throw new IllegalArgumentException("observation " + seq + " needs one index per decision");
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("observation " + seq + " reward must be finite, was " + reward);
        }
        indices = List.copyOf(indices);
    }

    /** The observation of a draw once its reward is known. */
    public static Observation of(long seq, Draw draw, double reward) {
        return new Observation(seq, draw.indices(), draw.logProbability(), reward);
    }
}
