package io.nas.contract.arch;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The shortcut of every layer of a block. */
public enum SkipOp {
    /** {@code _noskip}: no shortcut. */
    @JsonProperty("none") NONE,
    /** No skip token: identity residual on the layers where stride is 1 and input equals output filters. */
    @JsonProperty("identity") IDENTITY,
    /**
     * {@code _pool}: a parameter-free shortcut on every layer: average pooling with kernel and stride equal to the
     * layer's stride, channels zero-padded or cut to the layer's output width.
     */
    @JsonProperty("pool") POOL
}
