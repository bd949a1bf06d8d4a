package io.nas.model.build;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import io.nas.model.DjlRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code _pool} shortcut, seen through a layer whose own output is zero. */
class PoolShortcutTest {

    @BeforeAll
    static void engine() {
        DjlRuntime.init(1);
    }

    /** A stand-in layer: zeros of the layer's output shape, 'same' padding rounding up. */
    private static Block zeroLayer(int stride, int outFilters) {
        return new LambdaBlock(inputs -> {
            NDArray x = inputs.singletonOrThrow();
            Shape s = x.getShape();
            long size = (s.get(2) + stride - 1) / stride;
            return new NDList(x.getManager().zeros(new Shape(s.get(0), outFilters, size, size)));
        });
    }

    private static NDArray shortcut(NDArray x, int stride, int outFilters) {
        PoolShortcut block = new PoolShortcut(zeroLayer(stride, outFilters), stride, outFilters);
        block.initialize(x.getManager(), DataType.FLOAT32, x.getShape());
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void strideTwoAveragesWindowsRoundingUpAndPadsChannelsWithZeros() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One 3x3 channel 0..8: windows {0,1,3,4}, {2,5}, {6,7}, {8}.
            NDArray x = manager.arange(9f).reshape(1, 1, 3, 3);
            NDArray y = shortcut(x, 2, 3);
            assertThat(y.getShape()).isEqualTo(new Shape(1, 3, 2, 2));
            assertThat(y.get("0, 0").toFloatArray()).containsExactly(2f, 3.5f, 6.5f, 8f);
            assertThat(y.get("0, 1:").abs().sum().getFloat()).isZero();
        }
    }

    @Test
    void strideOneIsTheIdentityWithChannelsCut() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(2f * 3 * 2 * 2).reshape(2, 3, 2, 2);
            NDArray y = shortcut(x, 1, 2);
            assertThat(y.contentEquals(x.get(":, :2"))).isTrue();
        }
    }
}
