package io.nas.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import io.nas.model.DjlRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** DJL batches at any image size, one-hot labels, replayable epochs, mixup on training batches only. */
class ProxyDatasetTest {

    private static NDManager manager;
    private static ProxyTask task;

    @BeforeAll
    static void engine() {
        DjlRuntime.init(1);
        manager = NDManager.newBaseManager();
        task = ProxyTask.carve(FashionMnistFixture.training(), 200, 90, 1);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void trainingBatchesHaveTheStageSizeAndDropTheLastPartialBatch() throws Exception {
        int batches = 0;
        for (Batch batch : task.trainingEpoch(20, 64, new RandAugment(2, 5), new Mixup(0), 3).getData(manager)) {
            batches++;
            NDArray data = batch.getData().singletonOrThrow();
            NDArray labels = batch.getLabels().singletonOrThrow();
            assertThat(data.getShape()).isEqualTo(new Shape(64, 1, 20, 20));
            assertThat(data.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(labels.getShape()).isEqualTo(new Shape(64, 10));
            assertThat(data.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(data.max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(labels.sum(new int[] {1}).toFloatArray()).containsOnly(1f);
            batch.close();
        }
        assertThat(batches).isEqualTo(3);
    }

    @Test
    void validationBatchesCoverEveryExampleInOrderUnaugmented() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (Batch batch : task.validationSet(32, 40).getData(manager)) {
            NDArray data = batch.getData().singletonOrThrow();
            NDArray labels = batch.getLabels().singletonOrThrow();
            int first = sizes.size() * 40;
            float[] expected = new BilinearResize(28, 28, 32, 32).resize(task.validation().image(first), 1);
            assertThat(data.get(0).toFloatArray()).containsExactly(expected, offset(1e-6f));
            assertThat(labels.get(0).toFloatArray()[task.validation().label(first)]).isEqualTo(1f);
            sizes.add(batch.getSize());
            batch.close();
        }
        assertThat(sizes).containsExactly(40, 40, 10);
    }

    @Test
    void anEpochReplaysFromItsSeedAndAnotherSeedShuffles() throws Exception {
        float[] first = firstBatch(task.trainingEpoch(16, 32, new RandAugment(2, 9), new Mixup(0.2), 5));
        float[] again = firstBatch(task.trainingEpoch(16, 32, new RandAugment(2, 9), new Mixup(0.2), 5));
        float[] other = firstBatch(task.trainingEpoch(16, 32, new RandAugment(2, 9), new Mixup(0.2), 6));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void mixupSoftensTrainingLabelsButKeepsThemDistributions() throws Exception {
        for (Batch batch : task.trainingEpoch(24, 50, null, new Mixup(1.0), 8).getData(manager)) {
            NDArray labels = batch.getLabels().singletonOrThrow();
            assertThat(labels.getShape()).isEqualTo(new Shape(50, 10));
            for (float sum : labels.sum(new int[] {1}).toFloatArray()) {
                assertThat(sum).isCloseTo(1f, offset(1e-5f));
            }
            long soft = 0;
            for (float max : labels.max(new int[] {1}).toFloatArray()) {
                soft += max < 0.999f ? 1 : 0;
            }
            assertThat(soft).isGreaterThan(25);
            assertThat(batch.getData().singletonOrThrow().getShape()).isEqualTo(new Shape(50, 1, 24, 24));
            batch.close();
        }
    }

    private static float[] firstBatch(ProxyDataset dataset) throws Exception {
        for (Batch batch : dataset.getData(manager)) {
            try (batch) {
                return batch.getData().singletonOrThrow().toFloatArray();
            }
        }
        throw new AssertionError("no batch");
    }
}
