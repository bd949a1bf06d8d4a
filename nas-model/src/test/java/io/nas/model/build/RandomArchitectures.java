package io.nas.model.build;

import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.SkipOp;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;

import java.util.List;
import java.util.Random;

/** Seeded random candidates of the preset spaces, for tests. */
final class RandomArchitectures {

    private RandomArchitectures() {
    }

    static MnasSearchSpace space(String preset) {
        return (MnasSearchSpace) SearchSpaces.of(SearchSpaceSpec.preset(preset));
    }

    static MnasArchitecture sample(MnasSearchSpace space, Random random) {
        return space.decode(space.decisions().stream().map(d -> random.nextInt(d.size())).toList());
    }

    /** The same architecture with every block's shortcut replaced. */
    static MnasArchitecture withSkip(MnasArchitecture architecture, SkipOp skip) {
        List<BlockSpec> blocks = architecture.blocks().stream()
                .map(b -> new BlockSpec(b.repeats(), b.kernel(), b.stride(), b.expansion(), b.inFilters(),
                        b.outFilters(), b.seRatio(), b.convType(), skip, b.strideNotation()))
                .toList();
        return new MnasArchitecture(blocks);
    }
}
