package io.nas.search.controller;

import io.nas.contract.space.Decision;
import io.nas.contract.space.SearchSpace;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * What fixes a controller's network: its strategy, its hidden size (0 where it has none) and the option count of
 * every decision. Weights and states carry it, so bytes made for another space or strategy are refused.
 */
public record PolicyShape(String strategy, int hiddenSize, List<Integer> optionCounts) {

    public PolicyShape {
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("a policy shape needs a strategy");
        }
        if (hiddenSize < 0) {
            throw new IllegalArgumentException("hidden size must be >= 0, was " + hiddenSize);
        }
        if (optionCounts == null || optionCounts.isEmpty() || optionCounts.stream().anyMatch(n -> n == null || n < 1)) {
            throw new IllegalArgumentException("a policy needs at least one decision, each with >= 1 option, was "
                    + optionCounts);
        }
        optionCounts = List.copyOf(optionCounts);
    }

    static PolicyShape of(String strategy, int hiddenSize, SearchSpace space) {
        return new PolicyShape(strategy, hiddenSize, space.decisions().stream().map(Decision::size).toList());
    }

    int[] optionCountArray() {
        return optionCounts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Refuses a space whose decisions do not match, saying both. */
    void requireFits(SearchSpace space) {
        List<Integer> spaceCounts = space.decisions().stream().map(Decision::size).toList();
        if (!spaceCounts.equals(optionCounts)) {
            throw new IllegalArgumentException(strategy + " policy was made for decisions with option counts "
                    + optionCounts + ", the space has " + spaceCounts);
        }
    }

    /** Refuses indices that are not one valid option per decision of this shape. */
    void requireIndices(List<Integer> indices, String what) {
        if (indices == null || indices.size() != optionCounts.size()) {
            throw new IllegalArgumentException(what + " needs " + optionCounts.size() + " indices, one per decision, got "
                    + (indices == null ? "none" : indices.size()));
        }
        for (int d = 0; d < indices.size(); d++) {
            Integer index = indices.get(d);
            if (index == null || index < 0 || index >= optionCounts.get(d)) {
                throw new IllegalArgumentException(what + ": index " + d + " must be in [0, " + optionCounts.get(d)
                        + "), was " + index);
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(strategy);
        out.writeInt(hiddenSize);
        Encoding.writeInts(out, optionCountArray());
    }

    static PolicyShape read(DataInputStream in) throws IOException {
        String strategy = in.readUTF();
        int hiddenSize = in.readInt();
        int[] counts = Encoding.readInts(in, "optionCounts");
        return new PolicyShape(strategy, hiddenSize, Arrays.stream(counts).boxed().toList());
    }
}
