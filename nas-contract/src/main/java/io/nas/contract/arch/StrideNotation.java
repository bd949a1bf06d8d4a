package io.nas.contract.arch;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a block string wrote its stride: MnasNet writes both axes ({@code s22}), EfficientNetV2 one digit
 * ({@code s2}). Kept so that printing a parsed string gives it back exactly.
 */
public enum StrideNotation {
    @JsonProperty("pair") PAIR,
    @JsonProperty("single") SINGLE;

    String format(int stride) {
        return this == PAIR ? "s" + stride + stride : "s" + stride;
    }
}
