package io.nas.contract.arch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockStringCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {
            ReferenceArchitectures.MNASNET_A1,
            ReferenceArchitectures.MNASNET_B1,
            ReferenceArchitectures.MOBILENET_V2,
            ReferenceArchitectures.EFFICIENTNET_V2_S,
            ReferenceArchitectures.EFFICIENTNET_B0,
            "r1_k5_s22_e1_i32_o40_se0.5_c2_pool",
            "r3_k3_s1_e4_i8_o8_se1.0_c1_noskip",
            "r2_k7_s33_e6_i16_o24_se0.125"})
    void printingAParsedStringGivesItBackExactly(String text) {
        assertThat(MnasArchitecture.parse(text).canonical()).isEqualTo(text);
    }

    @Test
    void readsEveryFieldOfABlock() {
        BlockSpec block = BlockStringCodec.parseBlock("r3_k5_s22_e3_i24_o40_se0.25", 0, 0);

        assertThat(block).isEqualTo(new BlockSpec(3, 5, 2, 3, 24, 40, 0.25, ConvType.MBCONV, SkipOp.IDENTITY,
                StrideNotation.PAIR));
    }

    @Test
    void readsConvTypeSkipAndStrideNotation() {
        assertThat(BlockStringCodec.parseBlock("r1_k3_s1_e1_i24_o24_c1", 0, 0))
                .extracting(BlockSpec::convType, BlockSpec::stride, BlockSpec::strideNotation, BlockSpec::skip)
                .containsExactly(ConvType.FUSED, 1, StrideNotation.SINGLE, SkipOp.IDENTITY);
        assertThat(BlockStringCodec.parseBlock("r1_k3_s22_e1_i24_o24_c2_noskip", 0, 0))
                .extracting(BlockSpec::convType, BlockSpec::skip).containsExactly(ConvType.REGULAR, SkipOp.NONE);
        assertThat(BlockStringCodec.parseBlock("r1_k3_s22_e6_i24_o32_pool", 0, 0).skip()).isEqualTo(SkipOp.POOL);
    }

    @Test
    void seRatioIsPrintedAsThePythonReferenceDoes() {
        BlockSpec block = BlockSpec.of(1, 3, 1, 6, 16, 16, 0.25, ConvType.MBCONV, SkipOp.IDENTITY);

        assertThat(block.canonical()).isEqualTo("r1_k3_s11_e6_i16_o16_se0.25");
        assertThat(BlockSpec.of(1, 3, 1, 6, 16, 16, 0.0, null, null).canonical()).isEqualTo("r1_k3_s11_e6_i16_o16");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // text; block; offset; token
            "r1_k3_s11_e1_i32_o16,r2_k3x_s22_e6_i16_o24; 1; 24; k3x",
            "r1_k3_s11_e1_i32_o16_bogus; 0; 21; bogus",
            "r1_k3_s12_e1_i32_o16; 0; 6; s12",
            "r1_k3_s11_e1_i32; 0; 0; r1_k3_s11_e1_i32",
            "r1_k3_s11_e1_o16_i32; 0; 13; o16",
            "r1_k03_s11_e1_i32_o16; 0; 3; k03",
            "r1_k3_s11_e1_i32_o16_se0.250; 0; 21; se0.250",
            "r1_k3_s11_e1_i32_o16_se0; 0; 21; se0",
            "r1_k3_s11_e1_i32_o16_c0; 0; 21; c0",
            "r1_k3_s11_e6_i32_o16_c2; 0; 21; c2",
            "r1_k3_s11_e1_i32_o16_noskip_se0.25; 0; 28; se0.25",
            "r1_k3_s11_e1_i32_o16__noskip; 0; 21; ''",
            "r1_k3_s11_e1_i32_o16,,r1_k3_s11_e1_i16_o16; 1; 21; ''",
            "r1_k3_s11_e1_i32_o16,r1_k3_s11_e1_i24_o16; 1; 34; i24"})
    void refusesAMalformedStringNamingTokenBlockAndOffset(String text, int block, int offset, String token) {
        assertThatThrownBy(() -> BlockStringCodec.parse(text))
                .isInstanceOfSatisfying(BlockStringException.class, e -> {
                    assertThat(e.block()).isEqualTo(block);
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.token()).isEqualTo(token);
                    assertThat(text.substring(offset)).startsWith(token);
                })
                .hasMessageContaining("'" + token + "'")
                .hasMessageContaining("block " + block)
                .hasMessageContaining("offset " + offset);
    }

    @Test
    void refusesAnEmptyString() {
        assertThatThrownBy(() -> BlockStringCodec.parse(" ")).isInstanceOf(BlockStringException.class)
                .hasMessageContaining("at least one block");
    }

    @Test
    void identityResidualOnlyWhereStrideIsOneAndWidthsMatch() {
        BlockSpec block = BlockStringCodec.parseBlock("r3_k3_s22_e6_i16_o24", 0, 0);

        assertThat(block.identityResidual(0)).isFalse();
        assertThat(block.identityResidual(1)).isTrue();
        assertThat(BlockStringCodec.parseBlock("r3_k3_s22_e6_i16_o24_noskip", 0, 0).identityResidual(1)).isFalse();
    }
}
