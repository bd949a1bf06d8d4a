package io.nas.model.build;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.arch.ReferenceArchitectures;
import io.nas.contract.arch.SkipOp;
import io.nas.contract.count.AnalyticCounter;
import io.nas.contract.count.NetworkCost;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.model.DjlRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The DJL network has exactly the trainable parameters the analytic counter names, stage by stage. */
class NetworkParameterCountTest {

    /** Parameter shapes do not depend on the input size: ImageNet-sized networks are initialized small. */
    private static final int INIT_RESOLUTION = 32;

    @BeforeAll
    static void engine() {
        DjlRuntime.init(1);
    }

    @Test
    void mnasnetA1MatchesThePublishedCount() {
        assertThat(trainableParameters(MnasArchitecture.parse(ReferenceArchitectures.MNASNET_A1),
                NetworkFrame.imagenet(), Activation.RELU)).isEqualTo(3_887_038L);
    }

    @Test
    void mobilenetV2MatchesThePublishedCount() {
        assertThat(trainableParameters(MnasArchitecture.parse(ReferenceArchitectures.MOBILENET_V2),
                NetworkFrame.imagenet(), Activation.RELU)).isEqualTo(3_504_872L);
    }

    @Test
    void efficientNetV2SWithFusedBlocksMatchesTheCounter() {
        MnasArchitecture architecture = MnasArchitecture.parse(ReferenceArchitectures.EFFICIENTNET_V2_S);
        NetworkFrame frame = NetworkFrame.imagenet().withStem(24);
        long counted = AnalyticCounter.count(architecture, frame).params();
        assertThat(trainableParameters(architecture, frame, Activation.SWISH)).isEqualTo(counted);
        assertThat(counted).isBetween(20_000_000L, 22_000_000L);
    }

    @ParameterizedTest
    @CsvSource({"mnasnet-cpu, 200, 11", "mnasnet, 150, 12", "mnasnet-fused, 150, 13"})
    void randomCandidatesMatchTheCounter(String preset, int candidates, long seed) {
        MnasSearchSpace space = RandomArchitectures.space(preset);
        Random random = new Random(seed);
        Set<SkipOp> skips = EnumSet.noneOf(SkipOp.class);
        for (int i = 0; i < candidates; i++) {
            MnasArchitecture architecture = RandomArchitectures.sample(space, random);
            architecture.blocks().forEach(b -> skips.add(b.skip()));
            assertMatchesCounter(architecture, space.frame());
        }
        assertThat(skips).containsExactlyInAnyOrder(SkipOp.values());
    }

    @Test
    void everySkipOpMatchesTheCounter() {
        MnasSearchSpace space = RandomArchitectures.space("mnasnet-fused");
        Random random = new Random(21);
        for (int i = 0; i < 10; i++) {
            MnasArchitecture architecture = RandomArchitectures.sample(space, random);
            for (SkipOp skip : SkipOp.values()) {
                assertMatchesCounter(RandomArchitectures.withSkip(architecture, skip), space.frame());
            }
        }
    }

    /** Stem, every block, head and classifier separately, so a mismatch names its place. */
    private static void assertMatchesCounter(MnasArchitecture architecture, NetworkFrame frame) {
        NetworkCost cost = AnalyticCounter.count(architecture, frame);
        NasNetwork network = NetworkBuilder.build(architecture, frame);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, network.inputShape(1, INIT_RESOLUTION));
            List<Block> stages = network.block().getChildren().values();
            assertThat(stages).hasSize(architecture.blocks().size() + 3);
            assertThat(trainable(stages.get(0))).as("stem of %s", architecture).isEqualTo(cost.stem().params());
            for (int b = 0; b < architecture.blocks().size(); b++) {
                assertThat(trainable(stages.get(b + 1))).as("block %d of %s", b, architecture)
                        .isEqualTo(cost.blocks().get(b).params());
            }
            assertThat(trainable(stages.get(stages.size() - 2))).as("head of %s", architecture)
                    .isEqualTo(cost.head().params());
            assertThat(trainable(stages.get(stages.size() - 1))).as("classifier of %s", architecture)
                    .isEqualTo(cost.classifier().params());
            assertThat(network.trainableParameters()).as("%s", architecture).isEqualTo(cost.params());
        }
    }

    private static long trainableParameters(MnasArchitecture architecture, NetworkFrame frame, Activation activation) {
        NasNetwork network = NetworkBuilder.build(architecture, frame, activation);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, network.inputShape(1, INIT_RESOLUTION));
            assertNothingButScaleShiftAndRunningStatisticsIsFrozen(network.block());
            return network.trainableParameters();
        }
    }

    /** Batch norm adds scale and shift to the trainable set, its running statistics only to the frozen one. */
    private static void assertNothingButScaleShiftAndRunningStatisticsIsFrozen(Block block) {
        for (Pair<String, Parameter> named : block.getParameters()) {
            Parameter parameter = named.getValue();
            boolean runningStatistic = parameter.getType() == Parameter.Type.RUNNING_MEAN
                    || parameter.getType() == Parameter.Type.RUNNING_VAR;
            assertThat(parameter.requiresGradient()).as(named.getKey()).isEqualTo(!runningStatistic);
        }
    }

    private static long trainable(Block block) {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getShape().size())
                .sum();
    }
}
