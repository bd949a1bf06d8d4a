package io.nas.contract.arch;

/**
 * One block of a MnasNet-style network: {@code repeats} identical layers, the first with {@code stride} and
 * {@code inFilters} input channels, the rest stride 1 with {@code outFilters} input channels. {@code seRatio} is
 * null when the block has no squeeze-excitation. {@code strideNotation} only affects the text form.
 */
public record BlockSpec(
        int repeats,
        int kernel,
        int stride,
        int expansion,
        int inFilters,
        int outFilters,
        Double seRatio,
        ConvType convType,
        SkipOp skip,
        StrideNotation strideNotation) {

    public BlockSpec {
        requirePositive(repeats, "repeats");
        requirePositive(kernel, "kernel");
        requirePositive(stride, "stride");
        requirePositive(expansion, "expansion");
        requirePositive(inFilters, "inFilters");
        requirePositive(outFilters, "outFilters");
        if (stride > 9) {
            throw new IllegalArgumentException("stride must be a single digit, was " + stride);
        }
        // A ratio of 0 and no ratio are the same block; one form keeps equals() and the text form unique.
        if (seRatio != null && seRatio == 0.0) {
            seRatio = null;
        }
        if (seRatio != null && !(seRatio > 0.0 && seRatio <= 1.0)) {
            throw new IllegalArgumentException("seRatio must be in (0, 1], was " + seRatio);
        }
        convType = convType == null ? ConvType.MBCONV : convType;
        skip = skip == null ? SkipOp.IDENTITY : skip;
        strideNotation = strideNotation == null ? StrideNotation.PAIR : strideNotation;
        if (convType == ConvType.REGULAR && expansion != 1) {
            throw new IllegalArgumentException("a regular conv (_c2) has expansion 1, was " + expansion);
        }
    }

    /** A block in MnasNet's notation ({@code s11}/{@code s22}). */
    public static BlockSpec of(int repeats, int kernel, int stride, int expansion, int inFilters, int outFilters,
                               Double seRatio, ConvType convType, SkipOp skip) {
        return new BlockSpec(repeats, kernel, stride, expansion, inFilters, outFilters, seRatio, convType, skip,
                StrideNotation.PAIR);
    }

    public boolean hasSqueezeExcitation() {
        return seRatio != null;
    }

    /** Channels the squeeze-excitation acts on: the expanded width of the layer. */
    public int expandedFilters(int layerInFilters) {
        return layerInFilters * expansion;
    }

    /**
     * Width the squeeze-excitation of a layer reduces to: {@code max(1, int(layer input filters * seRatio))}, from
     * the layer's input filters, not its expanded ones (reference rule); 0 without squeeze-excitation.
     */
    public int seReducedFilters(int layerInFilters) {
        return seRatio == null ? 0 : Math.max(1, (int) (layerInFilters * seRatio));
    }

    /** Input channels of layer {@code layer} (0-based): the block input for the first, the block output after. */
    public int layerInFilters(int layer) {
        return layer == 0 ? inFilters : outFilters;
    }

    public int layerStride(int layer) {
        return layer == 0 ? stride : 1;
    }

    /** Whether layer {@code layer} adds an identity residual (reference rule: stride 1 and in == out). */
    public boolean identityResidual(int layer) {
        return skip == SkipOp.IDENTITY && layerStride(layer) == 1 && layerInFilters(layer) == outFilters;
    }

    /** The canonical block string of this block. */
    public String canonical() {
        return BlockStringCodec.format(this);
    }

    private static void requirePositive(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, was " + value);
        }
    }
}
