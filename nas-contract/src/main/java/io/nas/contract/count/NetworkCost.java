package io.nas.contract.count;

import io.nas.contract.arch.NetworkFrame;

import java.util.List;

/**
 * The cost of a whole network in {@code frame}, part by part: stem (at {@code stemResolution} after its stride-2
 * conv), blocks, head (1x1 conv at the last block's resolution) and classifier; {@code params} and {@code madds} are
 * the totals.
 */
public record NetworkCost(
        NetworkFrame frame,
        Cost stem,
        int stemResolution,
        List<BlockCost> blocks,
        Cost head,
        Cost classifier,
        long params,
        long madds) {

    public NetworkCost {
        blocks = List.copyOf(blocks);
    }
}
