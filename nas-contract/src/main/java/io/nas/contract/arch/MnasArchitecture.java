package io.nas.contract.arch;

import java.util.List;

/** A MnasNet-style network body: blocks in order, each block's input filters the previous block's output. */
public record MnasArchitecture(List<BlockSpec> blocks) implements Architecture {

    public MnasArchitecture {
        if (blocks == null || blocks.isEmpty()) {
            throw new IllegalArgumentException("an architecture needs at least one block");
        }
        blocks = List.copyOf(blocks);
        for (int b = 1; b < blocks.size(); b++) {
            if (blocks.get(b).inFilters() != blocks.get(b - 1).outFilters()) {
                throw new IllegalArgumentException("block " + b + " input filters " + blocks.get(b).inFilters()
                        + " must equal block " + (b - 1) + "'s output filters " + blocks.get(b - 1).outFilters());
            }
        }
    }

    /** Reads the canonical block-string form; throws {@link BlockStringException} naming the bad token. */
    public static MnasArchitecture parse(String blockStrings) {
        return new MnasArchitecture(BlockStringCodec.parse(blockStrings));
    }

    @Override
    public String canonical() {
        return BlockStringCodec.format(blocks);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
