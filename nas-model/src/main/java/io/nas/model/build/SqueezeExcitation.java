package io.nas.model.build;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Reference squeeze-excitation: global average pool, a biased 1x1 conv down to {@code reduced} channels, the
 * activation, a biased 1x1 conv back to {@code channels}, sigmoid, and the input scaled channel by channel.
 */
public class SqueezeExcitation extends AbstractBlock {

    private final Activation activation;
    private final Block reduce;
    private final Block expand;

    public SqueezeExcitation(int channels, int reduced, Activation activation) {
        this.activation = activation;
        this.reduce = addChildBlock("reduce", NetworkBuilder.conv(1, reduced, 1, 1, true));
        this.expand = addChildBlock("expand", NetworkBuilder.conv(1, channels, 1, 1, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray squeezed = Pool.globalAvgPool2d(x).reshape(shape.get(0), shape.get(1), 1, 1);
        NDArray reducedMap = activation.apply(
                reduce.forward(parameterStore, new NDList(squeezed), training, params).singletonOrThrow());
        NDArray scale = expand.forward(parameterStore, new NDList(reducedMap), training, params).singletonOrThrow();
        return new NDList(x.mul(ai.djl.nn.Activation.sigmoid(scale)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        reduce.initialize(manager, dataType, pooled);
        expand.initialize(manager, dataType, reduce.getOutputShapes(new Shape[] {pooled}));
    }
}
