package io.nas.model.build;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A layer plus a parameter-free shortcut ({@code _pool}): the input average-pooled with kernel and stride equal to
 * the layer's stride, its channels zero-padded or cut to the layer's output width. Pooling rounds up ({@code ceil}
 * mode, partial windows averaged over what they cover), as the layer's 'same' padding maps h to ceil(h / stride).
 */
public class PoolShortcut extends AbstractBlock {

    private final Block body;
    private final int stride;
    private final int outFilters;

    public PoolShortcut(Block body, int stride, int outFilters) {
        this.body = addChildBlock("body", body);
        this.stride = stride;
        this.outFilters = outFilters;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray y = body.forward(parameterStore, inputs, training, params).singletonOrThrow();
        return new NDList(y.add(shortcut(inputs.singletonOrThrow())));
    }

    private NDArray shortcut(NDArray x) {
        NDArray pooled = stride == 1 ? x
                : Pool.avgPool2d(x, new Shape(stride, stride), new Shape(stride, stride), new Shape(0, 0), true, false);
        Shape shape = pooled.getShape();
        long channels = shape.get(1);
        if (channels < outFilters) {
            NDArray zeros = pooled.getManager().zeros(
                    new Shape(shape.get(0), outFilters - channels, shape.get(2), shape.get(3)),
                    pooled.getDataType(), pooled.getDevice());
            return pooled.concat(zeros, 1);
        }
        return channels > outFilters ? pooled.get(new NDIndex(":, :{}", outFilters)) : pooled;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }
}
