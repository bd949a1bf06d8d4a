package io.nas.contract.space;

import io.nas.contract.arch.Architecture;
import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.arch.SkipOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * MnasNet's factorized hierarchical space: every skeleton block picks one layer design (conv op, kernel, SE ratio,
 * skip op, output filters, layers), repeated over its layers. Six decisions per block, in that order, named
 * {@code block{b}.op|kernel|se|skip|filters|layers}. Options are the concrete values, without duplicates: where
 * rounding makes two filter factors equal, or skeleton-1 layers would fall below 1, the space offers fewer options,
 * so that every index vector names a different architecture.
 */
public final class MnasSearchSpace implements SearchSpace {

    public static final List<Integer> KERNELS = List.of(3, 5);
    /** SE ratio options; no ratio is written {@code 0}. */
    public static final List<String> SE_RATIOS = List.of("0", "0.25");
    public static final List<SkipOp> SKIPS = List.of(SkipOp.NONE, SkipOp.IDENTITY, SkipOp.POOL);
    public static final List<Double> FILTER_FACTORS = List.of(0.75, 1.0, 1.25);
    public static final List<Integer> LAYER_DELTAS = List.of(-1, 0, 1);
    private static final int PER_BLOCK = 6;

    private final SearchSpaceSpec spec;
    private final NetworkFrame frame;
    private final List<ConvOp> ops;
    private final List<List<Integer>> filterOptions = new ArrayList<>();
    private final List<List<Integer>> layerOptions = new ArrayList<>();
    private final List<Decision> decisions;

    public MnasSearchSpace(SearchSpaceSpec spec) {
        SearchSpaceSpec resolved = spec.resolved();
        if (!resolved.family().equals(SearchSpaceSpec.MNASNET)) {
            throw new IllegalArgumentException("not a mnasnet space: family " + resolved.family());
        }
        this.spec = resolved;
        this.frame = new NetworkFrame(resolved.resolution(), resolved.inChannels(), resolved.classes(),
                resolved.stem(), resolved.head());
        this.ops = Boolean.TRUE.equals(resolved.fusedOps()) ? ConvOp.WITH_FUSED : ConvOp.MNASNET;
        List<Decision> decisions = new ArrayList<>();
        for (int b = 0; b < resolved.skeleton().size(); b++) {
            SkeletonBlock block = resolved.skeleton().get(b);
            filterOptions.add(filterOptions(block.filters() * resolved.widthMultiplier()));
            layerOptions.add(layerOptions(block.repeats()));
            decisions.add(new Decision("block" + b + ".op", ops.stream().map(ConvOp::label).toList()));
            decisions.add(new Decision("block" + b + ".kernel", labels(KERNELS)));
            decisions.add(new Decision("block" + b + ".se", SE_RATIOS));
            decisions.add(new Decision("block" + b + ".skip", SKIPS.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
            decisions.add(new Decision("block" + b + ".filters", labels(filterOptions.get(b))));
            decisions.add(new Decision("block" + b + ".layers", labels(layerOptions.get(b))));
        }
        this.decisions = List.copyOf(decisions);
    }

    private static List<Integer> filterOptions(double skeletonFilters) {
        TreeSet<Integer> options = new TreeSet<>();
        FILTER_FACTORS.forEach(factor -> options.add(FilterRounding.round(factor * skeletonFilters)));
        return List.copyOf(options);
    }

    private static List<Integer> layerOptions(int repeats) {
        return LAYER_DELTAS.stream().map(d -> repeats + d).filter(r -> r >= 1).toList();
    }

    private static List<String> labels(List<Integer> values) {
        return values.stream().map(String::valueOf).toList();
    }

    @Override
    public SearchSpaceSpec spec() {
        return spec;
    }

    /** Input, stem, head and classes around the searched blocks. */
    public NetworkFrame frame() {
        return frame;
    }

    @Override
    public List<Decision> decisions() {
        return decisions;
    }

    @Override
    public MnasArchitecture decode(List<Integer> indices) {
        requireIndices(indices);
        List<BlockSpec> blocks = new ArrayList<>();
        int in = frame.stem();
        for (int b = 0; b < spec.skeleton().size(); b++) {
            List<Integer> choice = indices.subList(b * PER_BLOCK, (b + 1) * PER_BLOCK);
            ConvOp op = ops.get(choice.get(0));
            int filters = filterOptions.get(b).get(choice.get(4));
            Double se = choice.get(2) == 0 ? null : Double.valueOf(SE_RATIOS.get(choice.get(2)));
            blocks.add(BlockSpec.of(layerOptions.get(b).get(choice.get(5)), KERNELS.get(choice.get(1)),
                    spec.skeleton().get(b).stride(), op.expansion(), in, filters, se, op.type(),
                    SKIPS.get(choice.get(3))));
            in = filters;
        }
        return new MnasArchitecture(blocks);
    }

    /** The indices of an architecture of this space; how it wrote its strides ({@code s2}/{@code s22}) is ignored. */
    @Override
    public List<Integer> encode(Architecture architecture) {
        if (!(architecture instanceof MnasArchitecture mnas)) {
            throw new IllegalArgumentException("a " + architecture.getClass().getSimpleName()
                    + " is not in a mnasnet space: " + architecture.canonical());
        }
        List<BlockSpec> blocks = mnas.blocks();
        if (blocks.size() != spec.skeleton().size()) {
            throw new IllegalArgumentException("the architecture has " + blocks.size() + " blocks, the space "
                    + spec.skeleton().size());
        }
        if (blocks.get(0).inFilters() != frame.stem()) {
            throw new IllegalArgumentException("block 0 input filters " + blocks.get(0).inFilters()
                    + " must equal the space's stem width " + frame.stem());
        }
        List<Integer> indices = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            BlockSpec block = blocks.get(b);
            int skeletonStride = spec.skeleton().get(b).stride();
            if (block.stride() != skeletonStride) {
                throw new IllegalArgumentException("block " + b + " stride " + block.stride()
                        + " is not the skeleton's " + skeletonStride);
            }
            List<Decision> own = decisions.subList(b * PER_BLOCK, (b + 1) * PER_BLOCK);
            String op = ConvOp.of(block.convType(), block.expansion()).map(ConvOp::label)
                    .orElse(block.convType().name().toLowerCase(Locale.ROOT) + " e" + block.expansion());
            indices.add(own.get(0).indexOf(op));
            indices.add(own.get(1).indexOf(String.valueOf(block.kernel())));
            indices.add(own.get(2).indexOf(block.seRatio() == null ? "0" : String.valueOf(block.seRatio())));
            indices.add(own.get(3).indexOf(block.skip().name().toLowerCase(Locale.ROOT)));
            indices.add(own.get(4).indexOf(String.valueOf(block.outFilters())));
            indices.add(own.get(5).indexOf(String.valueOf(block.repeats())));
        }
        return List.copyOf(indices);
    }

    @Override
    public MnasArchitecture parse(String canonical) {
        return MnasArchitecture.parse(canonical);
    }
}
