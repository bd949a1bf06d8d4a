package io.nas.model.build;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.arch.SkipOp;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.model.DjlRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Built networks run forward at any input size, train, and obey their dropout schedule. */
class NetworkForwardTest {

    private static final MnasSearchSpace CPU_SPACE = RandomArchitectures.space("mnasnet-cpu");

    @BeforeAll
    static void engine() {
        Engine engine = DjlRuntime.init(1);
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(DjlRuntime.intraOpThreads()).isEqualTo(1);
        assertThat(DjlRuntime.init(1)).isSameAs(engine);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void logitsAtAnyResolution(int inChannels) {
        NetworkFrame frame = CPU_SPACE.frame();
        frame = new NetworkFrame(frame.resolution(), inChannels, frame.classes(), frame.stem(), frame.head());
        NasNetwork network = NetworkBuilder.build(RandomArchitectures.sample(CPU_SPACE, new Random(5)), frame);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, network.inputShape(2, 32));
            ParameterStore parameters = new ParameterStore(manager, false);
            for (int resolution : new int[] {16, 32, 28}) {
                for (boolean training : new boolean[] {false, true}) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.randomNormal(network.inputShape(2, resolution));
                        NDArray logits = network.block().forward(parameters, new NDList(x), training)
                                .singletonOrThrow();
                        assertThat(logits.getShape()).isEqualTo(new Shape(2, 10));
                        assertThat(logits.isInfinite().any().getBoolean()).isFalse();
                        assertThat(logits.isNaN().any().getBoolean()).isFalse();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "IDENTITY", "POOL"})
    void everySkipOpRunsForwardAtOddFeatureMaps(SkipOp skip) {
        Random random = new Random(9);
        for (int i = 0; i < 4; i++) {
            MnasArchitecture architecture =
                    RandomArchitectures.withSkip(RandomArchitectures.sample(CPU_SPACE, random), skip);
            NasNetwork network = NetworkBuilder.build(architecture, CPU_SPACE.frame(), Activation.SWISH);
            try (NDManager manager = NDManager.newBaseManager()) {
                network.block().initialize(manager, DataType.FLOAT32, network.inputShape(2));
                // 28 px: the stem gives 14, then 7 -> 4 -> 2 through stride-2 blocks; 4 px: a stride-2 layer on 1x1.
                for (int resolution : new int[] {28, 4}) {
                    NDArray x = manager.randomNormal(network.inputShape(2, resolution));
                    NDArray logits = network.block().forward(new ParameterStore(manager, false), new NDList(x), true)
                            .singletonOrThrow();
                    assertThat(logits.getShape()).as("%s at %d px", architecture, resolution)
                            .isEqualTo(new Shape(2, 10));
                }
            }
        }
    }

    @Test
    void aTrainingStepChangesTheWeightsAtTwoResolutions() {
        NasNetwork network = NetworkBuilder.build(RandomArchitectures.sample(CPU_SPACE, new Random(7)),
                CPU_SPACE.frame());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
        try (Model model = Model.newInstance("candidate")) {
            model.setBlock(network.block());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(network.inputShape(4, 32));
                for (int resolution : new int[] {32, 16}) {
                    Parameter classifier = network.block().getParameters().values().get(
                            network.block().getParameters().size() - 2);
                    float[] before = classifier.getArray().toFloatArray();
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        NDArray x = step.randomNormal(network.inputShape(4, resolution));
                        NDArray labels = step.create(new float[] {0, 1, 2, 3});
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                            assertThat(loss.getFloat()).isFinite().isPositive();
                            collector.backward(loss);
                        }
                        trainer.step();
                    }
                    assertThat(classifier.getArray().toFloatArray()).isNotEqualTo(before);
                }
            }
        }
    }

    @Test
    void savedParametersLoadIntoAFreshlyBuiltNetwork() throws Exception {
        MnasArchitecture architecture = RandomArchitectures.withSkip(
                RandomArchitectures.sample(CPU_SPACE, new Random(4)), SkipOp.POOL);
        NasNetwork trained = NetworkBuilder.build(architecture, CPU_SPACE.frame());
        NasNetwork restored = NetworkBuilder.build(architecture, CPU_SPACE.frame());
        try (NDManager manager = NDManager.newBaseManager()) {
            trained.block().initialize(manager, DataType.FLOAT32, trained.inputShape(2));
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(trained.inputShape(2));
            // A training pass moves batch norm's running statistics away from their initial values.
            trained.block().forward(parameters, new NDList(x), true);
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            trained.block().saveParameters(new DataOutputStream(saved));
            restored.block().loadParameters(manager,
                    new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));

            NDArray expected = trained.block().forward(parameters, new NDList(x), false).singletonOrThrow();
            NDArray actual = restored.block().forward(parameters, new NDList(x), false).singletonOrThrow();
            assertThat(actual.contentEquals(expected)).isTrue();
        }
    }

    @Test
    void scheduledDropoutFollowsItsRate() {
        ScheduledDropout dropout = new ScheduledDropout(0.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray ones = manager.ones(new Shape(64, 64));
            assertThat(apply(dropout, parameters, ones, true).contentEquals(ones)).isTrue();

            dropout.setRate(0.5);
            NDArray dropped = apply(dropout, parameters, ones, true);
            float zeros = dropped.eq(0f).sum().toType(DataType.FLOAT32, false).getFloat();
            assertThat(zeros / ones.size()).isBetween(0.4f, 0.6f);
            assertThat(dropped.eq(0f).logicalOr(dropped.eq(2f)).all().getBoolean()).isTrue();
            assertThat(apply(dropout, parameters, ones, false).contentEquals(ones)).isTrue();

            dropout.setRate(0.0);
            assertThat(apply(dropout, parameters, ones, true).contentEquals(ones)).isTrue();
        }
    }

    private static NDArray apply(ScheduledDropout dropout, ParameterStore parameters, NDArray x, boolean training) {
        return dropout.forward(parameters, new NDList(x), training).singletonOrThrow();
    }

    @Test
    void theNetworkDropoutRateTakesEffectBetweenStages() {
        NasNetwork network = NetworkBuilder.build(RandomArchitectures.sample(CPU_SPACE, new Random(3)),
                CPU_SPACE.frame());
        assertThat(network.dropout().rate()).isEqualTo(NetworkBuilder.DEFAULT_DROPOUT_RATE);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, network.inputShape(8));
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(network.inputShape(8));

            network.setDropoutRate(0.0);
            NDArray first = forward(network, parameters, x);
            assertThat(forward(network, parameters, x).contentEquals(first)).isTrue();

            network.setDropoutRate(0.5);
            assertThat(forward(network, parameters, x).contentEquals(first)).isFalse();
        }
    }

    private static NDArray forward(NasNetwork network, ParameterStore parameters, NDArray x) {
        // Training mode: batch norm uses the batch statistics, so only dropout can make two passes differ.
        return network.block().forward(parameters, new NDList(x), true).singletonOrThrow();
    }
}
