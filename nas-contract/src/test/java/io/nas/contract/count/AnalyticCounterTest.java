package io.nas.contract.count;

import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.arch.ReferenceArchitectures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Reference networks at 224x224, 1000 classes, head 1280. Parameter figures are those of the reference
 * implementations (MnasNet paper / tensorflow-tpu, torchvision, timm); multiply-adds those the papers report.
 */
class AnalyticCounterTest {

    private static NetworkCost count(String blocks, int stem) {
        return AnalyticCounter.count(MnasArchitecture.parse(blocks), NetworkFrame.imagenet().withStem(stem));
    }

    @Test
    void mnasNetA1() {
        NetworkCost cost = count(ReferenceArchitectures.MNASNET_A1, 32);

        assertThat(cost.params()).isEqualTo(3_887_038L);
        assertThat(cost.madds()).isEqualTo(311_579_072L);
        assertThat((double) cost.madds()).isCloseTo(312e6, withinPercentage(2));
    }

    @Test
    void mobileNetV2() {
        NetworkCost cost = count(ReferenceArchitectures.MOBILENET_V2, 32);

        // torchvision mobilenet_v2: 3,504,872 parameters; the paper reports 300M multiply-adds.
        assertThat(cost.params()).isEqualTo(3_504_872L);
        assertThat(cost.madds()).isEqualTo(300_774_272L);
        assertThat((double) cost.madds()).isCloseTo(301e6, withinPercentage(2));
    }

    @Test
    void mnasNetB1IsTorchvisionMnasnet10() {
        NetworkCost cost = count(ReferenceArchitectures.MNASNET_B1, 32);

        // torchvision mnasnet1_0 is B1 (which has no squeeze-excitation): 4,383,312 parameters, 315M reported.
        assertThat(cost.params()).isEqualTo(4_383_312L);
        assertThat(cost.madds()).isEqualTo(314_415_872L);
        assertThat((double) cost.madds()).isCloseTo(315e6, withinPercentage(2));
    }

    @Test
    void efficientNetV2S() {
        NetworkCost cost = count(ReferenceArchitectures.EFFICIENTNET_V2_S, 24);

        // timm tf_efficientnetv2_s at 1000 classes: 21,458,488 parameters.
        assertThat(cost.params()).isEqualTo(21_458_488L);
        assertThat(cost.madds()).isEqualTo(2_849_895_872L);
    }

    @Test
    void efficientNetB0() {
        NetworkCost cost = count(ReferenceArchitectures.EFFICIENTNET_B0, 32);

        // torchvision / timm efficientnet_b0: 5,288,548 parameters; the paper reports 0.39B FLOPs.
        assertThat(cost.params()).isEqualTo(5_288_548L);
        assertThat(cost.madds()).isEqualTo(385_814_752L);
        assertThat((double) cost.madds()).isCloseTo(390e6, withinPercentage(2));
    }

    @Test
    void partsAddUpToTheTotals() {
        NetworkCost cost = count(ReferenceArchitectures.MNASNET_A1, 32);

        long params = cost.stem().params() + cost.head().params() + cost.classifier().params()
                + cost.blocks().stream().mapToLong(BlockCost::params).sum();
        long madds = cost.stem().madds() + cost.head().madds() + cost.classifier().madds()
                + cost.blocks().stream().mapToLong(BlockCost::madds).sum();
        assertThat(params).isEqualTo(cost.params());
        assertThat(madds).isEqualTo(cost.madds());
        assertThat(cost.blocks()).extracting(BlockCost::outResolution).containsExactly(112, 56, 28, 14, 14, 7, 7);
        // stem: 3x3x3x32 weights + BN; classifier: 1280x1000 + bias.
        assertThat(cost.stem()).isEqualTo(new Cost(3 * 3 * 3 * 32 + 64, 3 * 3 * 3 * 32 * 112 * 112L));
        assertThat(cost.classifier()).isEqualTo(new Cost(1_281_000, 1_280_000));
        assertThat(cost.blocks().get(0).block()).isEqualTo("r1_k3_s11_e1_i32_o16_noskip");
    }

    @Test
    void singleLayerSemantics() {
        NetworkFrame frame = new NetworkFrame(32, 1, 10, 8, 16);
        // Fused e1: one 3x3 conv 8->8 + BN, SE on its 8 input channels reduced to max(1, int(8*0.25)) = 2.
        BlockCost fused = AnalyticCounter.count(MnasArchitecture.parse("r1_k3_s11_e1_i8_o8_se0.25_c1"), frame)
                .blocks().get(0);
        assertThat(fused.params()).isEqualTo(3 * 3 * 8 * 8 + 16 + (8 * 2 + 2) + (2 * 8 + 8));
        assertThat(fused.madds()).isEqualTo(3 * 3 * 8 * 8 * 16 * 16 + 2 * 8 * 2);
        // Fused e4, stride 2: 3x3 conv 8->32 at 8x8 + BN, 1x1 project 32->16 + BN.
        BlockCost fused4 = AnalyticCounter.count(MnasArchitecture.parse("r1_k3_s22_e4_i8_o16_c1"), frame)
                .blocks().get(0);
        assertThat(fused4.params()).isEqualTo(3 * 3 * 8 * 32 + 64 + 32 * 16 + 32);
        assertThat(fused4.madds()).isEqualTo((3 * 3 * 8 * 32 + 32 * 16) * 8 * 8);
        // Regular conv and the parameter-free pool shortcut.
        BlockCost conv = AnalyticCounter.count(MnasArchitecture.parse("r2_k5_s22_e1_i8_o16_c2_pool"), frame)
                .blocks().get(0);
        assertThat(conv.params()).isEqualTo(5 * 5 * 8 * 16 + 32 + 5 * 5 * 16 * 16 + 32);
        assertThat(conv.outResolution()).isEqualTo(8);
    }

    @Test
    void oddSizesRoundUpWithSamePadding() {
        assertThat(AnalyticCounter.spatial(7, 2)).isEqualTo(4);
        assertThat(AnalyticCounter.spatial(28, 2)).isEqualTo(14);
        NetworkCost cost = AnalyticCounter.count(MnasArchitecture.parse(ReferenceArchitectures.MNASNET_A1),
                NetworkFrame.imagenet().withResolution(225));
        assertThat(cost.stemResolution()).isEqualTo(113);
        assertThat(cost.blocks().get(6).outResolution()).isEqualTo(8);
    }

    @Test
    void refusesAStemThatDoesNotFeedTheFirstBlock() {
        assertThatThrownBy(() -> count(ReferenceArchitectures.EFFICIENTNET_V2_S, 32))
                .hasMessageContaining("stem width 32");
    }
}
