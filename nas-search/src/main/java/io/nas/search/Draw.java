package io.nas.search;

import java.util.List;

/**
 * One sampled candidate: choice indices, one per decision of the space, and the natural log of their probability
 * under the policy that drew them (what a proposal records and PPO's importance ratio later divides by).
 */
public record Draw(List<Integer> indices, double logProbability) {

    public Draw {
        if (indices == null || indices.isEmpty()) {
            throw new IllegalArgumentException("a draw needs one index per decision");
        }
        indices = List.copyOf(indices);
    }
}
