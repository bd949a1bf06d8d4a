package io.nas.contract.arch;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The layer family of a block, as the {@code _c} token of a block string says it. */
public enum ConvType {
    /** No {@code _c} token: inverted residual (expand 1x1, depthwise kxk, project 1x1); expansion 1 is sepconv. */
    @JsonProperty("mbconv") MBCONV(null),
    /** {@code _c1}: Fused-MBConv (EfficientNetV2), a kxk conv in place of expand + depthwise. */
    @JsonProperty("fused") FUSED("1"),
    /** {@code _c2}: one regular kxk conv, expansion 1. */
    @JsonProperty("conv") REGULAR("2");

    private final String token;

    ConvType(String token) {
        this.token = token;
    }

    /** The digits after {@code c} in a block string, or null when the block string carries no {@code _c} token. */
    public String token() {
        return token;
    }

    static ConvType ofToken(String digits) {
        for (ConvType type : values()) {
            if (digits.equals(type.token)) {
                return type;
            }
        }
        return null;
    }
}
