package io.nas.model.build;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/** The nonlinearity of every layer: ReLU as in MnasNet, or swish (SiLU) as in EfficientNet. */
public enum Activation {
    RELU,
    SWISH;

    public NDArray apply(NDArray x) {
        return this == RELU ? ai.djl.nn.Activation.relu(x) : ai.djl.nn.Activation.swish(x, 1f);
    }

    /** A parameter-free block applying this activation. */
    public Block block() {
        return this == RELU ? ai.djl.nn.Activation.reluBlock() : ai.djl.nn.Activation.swishBlock(1f);
    }
}
