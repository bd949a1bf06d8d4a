package io.nas.contract.count;

import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts trainable parameters and multiply-adds without building the network, with the semantics of the reference
 * implementations (tensorflow/tpu mnasnet, google/automl efficientnetv2), as PyTorch counts parameters:
 * <ul>
 * <li>convs have no bias; every conv is followed by batch norm with 2 parameters per channel (scale, shift);
 *     squeeze-excitation's two 1x1 convs have biases; the classifier has a bias;</li>
 * <li>multiply-adds: a conv costs {@code k*k*cin/groups*cout*Hout*Wout}, the classifier {@code in*out}, SE convs
 *     run at 1x1; batch norm, activations, pooling, residual adds and SE's sigmoid scaling are not counted
 *     (this is how MnasNet reports 312M for A1 and MobileNetV2 its 300M);</li>
 * <li>'same' padding: a stride-s layer maps size h to {@code ceil(h / s)}.</li>
 * </ul>
 */
public final class AnalyticCounter {

    private AnalyticCounter() {
    }

    public static NetworkCost count(MnasArchitecture architecture, NetworkFrame frame) {
        List<BlockSpec> blocks = architecture.blocks();
        if (blocks.get(0).inFilters() != frame.stem()) {
            throw new IllegalArgumentException("block 0 input filters " + blocks.get(0).inFilters()
                    + " must equal the stem width " + frame.stem());
        }
        int size = spatial(frame.resolution(), 2);
        Cost stem = conv(3, frame.inChannels(), frame.stem(), 1, size);
        Cost total = stem;
        List<BlockCost> blockCosts = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            BlockSpec block = blocks.get(b);
            int in = size;
            Cost cost = Cost.ZERO;
            for (int layer = 0; layer < block.repeats(); layer++) {
                int out = spatial(size, block.layerStride(layer));
                cost = cost.plus(layer(block, block.layerInFilters(layer), size, out));
                size = out;
            }
            blockCosts.add(new BlockCost(b, block.canonical(), in, size, cost.params(), cost.madds()));
            total = total.plus(cost);
        }
        Cost head = conv(1, blocks.get(blocks.size() - 1).outFilters(), frame.head(), 1, size);
        Cost classifier = new Cost((long) frame.head() * frame.classes() + frame.classes(),
                (long) frame.head() * frame.classes());
        total = total.plus(head).plus(classifier);
        return new NetworkCost(frame, stem, spatial(frame.resolution(), 2), blockCosts, head,
                classifier, total.params(), total.madds());
    }

    /** One layer of a block, from {@code cin} channels at {@code inSize} to the block's output at {@code outSize}. */
    static Cost layer(BlockSpec block, int cin, int inSize, int outSize) {
        int k = block.kernel();
        int cout = block.outFilters();
        int expanded = block.expandedFilters(cin);
        Cost se = block.hasSqueezeExcitation() ? squeezeExcitation(expanded, block.seReducedFilters(cin)) : Cost.ZERO;
        return switch (block.convType()) {
            case MBCONV -> {
                Cost expand = block.expansion() == 1 ? Cost.ZERO : conv(1, cin, expanded, 1, inSize);
                Cost depthwise = conv(k, expanded, expanded, expanded, outSize);
                yield expand.plus(depthwise).plus(se).plus(conv(1, expanded, cout, 1, outSize));
            }
            // Fused-MBConv; with expansion 1 the kxk conv is the projection itself (SE, if any, acts on its input).
            case FUSED -> block.expansion() == 1
                    ? se.plus(conv(k, cin, cout, 1, outSize))
                    : conv(k, cin, expanded, 1, outSize).plus(se).plus(conv(1, expanded, cout, 1, outSize));
            // Structurally the fused layer with expansion 1.
            case REGULAR -> se.plus(conv(k, cin, cout, 1, outSize));
        };
    }

    /** A bias-free kxk conv (grouped when {@code groups} > 1) with its batch norm, producing an size x size map. */
    static Cost conv(int kernel, int cin, int cout, int groups, int size) {
        long weights = (long) kernel * kernel * (cin / groups) * cout;
        return new Cost(weights + 2L * cout, weights * size * size);
    }

    /** Reference SE: biased 1x1 convs from the expanded width to the reduced one and back, at 1x1. */
    static Cost squeezeExcitation(int expanded, int reduced) {
        long weights = 2L * expanded * reduced;
        return new Cost(weights + reduced + expanded, weights);
    }

    /** Feature-map size after a stride-{@code stride} layer with 'same' padding. */
    public static int spatial(int size, int stride) {
        return (size + stride - 1) / stride;
    }
}
