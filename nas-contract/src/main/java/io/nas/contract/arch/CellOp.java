package io.nas.contract.arch;

import com.fasterxml.jackson.annotation.JsonValue;

/** The operations of a NAS-Bench-201 cell edge, in the benchmark's own order. */
public enum CellOp {
    NONE("none"),
    SKIP_CONNECT("skip_connect"),
    NOR_CONV_1X1("nor_conv_1x1"),
    NOR_CONV_3X3("nor_conv_3x3"),
    AVG_POOL_3X3("avg_pool_3x3");

    private final String label;

    CellOp(String label) {
        this.label = label;
    }

    /** The name NAS-Bench-201 arch strings use. */
    @JsonValue
    public String label() {
        return label;
    }

    public static CellOp ofLabel(String label) {
        for (CellOp op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown cell op '" + label + "'");
    }
}
