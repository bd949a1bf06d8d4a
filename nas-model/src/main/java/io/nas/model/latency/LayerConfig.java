package io.nas.model.latency;

import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.ConvType;
import io.nas.contract.arch.SkipOp;

import java.util.Locale;

/**
 * One layer as a lookup table keys it: op (conv type and expansion), kernel, SE ratio, the shortcut it really has
 * (an identity skip that does not apply, at stride 2 or a width change, is no shortcut), input and output widths,
 * stride and input size. Two layers with equal configs run the same operators on the same shapes.
 */
public record LayerConfig(ConvType convType, int expansion, int kernel, Double seRatio, SkipOp skip, int cin,
                          int cout, int stride, int inputSize) {

    /** Layer {@code layer} of {@code block}, entered at {@code inputSize} pixels. */
    public static LayerConfig of(BlockSpec block, int layer, int inputSize) {
        SkipOp skip = block.skip() == SkipOp.IDENTITY && !block.identityResidual(layer) ? SkipOp.NONE : block.skip();
        return new LayerConfig(block.convType(), block.expansion(), block.kernel(), block.seRatio(), skip,
                block.layerInFilters(layer), block.outFilters(), block.layerStride(layer), inputSize);
    }

    /** A one-layer block that builds exactly this layer (as its layer 0). */
    public BlockSpec asBlock() {
        return BlockSpec.of(1, kernel, stride, expansion, cin, cout, seRatio, convType, skip);
    }

    /** The table key, e.g. {@code mbconv e6 k3 se0.25 skip=pool 8->16 s2 @16}. */
    public String key() {
        return String.format(Locale.ROOT, "%s e%d k%d se%s skip=%s %d->%d s%d @%d",
                convType.name().toLowerCase(Locale.ROOT), expansion, kernel, seRatio == null ? "0" : seRatio,
                skip.name().toLowerCase(Locale.ROOT), cin, cout, stride, inputSize);
    }
}
