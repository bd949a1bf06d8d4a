package io.nas.contract.space;

import io.nas.contract.arch.ConvType;

import java.util.List;
import java.util.Optional;

/** The conv ops of the MnasNet search space, each a layer family with a fixed expansion. */
public enum ConvOp {
    CONV("conv", ConvType.REGULAR, 1),
    SEPCONV("sepconv", ConvType.MBCONV, 1),
    MBCONV3("mbconv3", ConvType.MBCONV, 3),
    MBCONV6("mbconv6", ConvType.MBCONV, 6),
    FUSED1("fused1", ConvType.FUSED, 1),
    FUSED4("fused4", ConvType.FUSED, 4);

    /** MnasNet's own ops. */
    public static final List<ConvOp> MNASNET = List.of(CONV, SEPCONV, MBCONV3, MBCONV6);
    /** MnasNet's ops plus EfficientNetV2's Fused-MBConv. */
    public static final List<ConvOp> WITH_FUSED = List.of(CONV, SEPCONV, MBCONV3, MBCONV6, FUSED1, FUSED4);

    private final String label;
    private final ConvType type;
    private final int expansion;

    ConvOp(String label, ConvType type, int expansion) {
        this.label = label;
        this.type = type;
        this.expansion = expansion;
    }

    public String label() {
        return label;
    }

    public ConvType type() {
        return type;
    }

    public int expansion() {
        return expansion;
    }

    public static Optional<ConvOp> of(ConvType type, int expansion) {
        for (ConvOp op : values()) {
            if (op.type == type && op.expansion == expansion) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
