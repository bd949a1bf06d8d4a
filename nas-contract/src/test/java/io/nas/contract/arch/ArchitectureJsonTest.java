package io.nas.contract.arch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchitectureJsonTest {

    @Test
    void blockArchitectureRoundTrips() {
        MnasArchitecture architecture = MnasArchitecture.parse(
                ReferenceArchitectures.MNASNET_A1 + ",r1_k5_s2_e1_i320_o320_se0.5_c2_pool");

        String json = ArchitectureJson.write(architecture);

        assertThat(json).startsWith("{\"family\":\"mnasnet\",\"blocks\":[{\"repeats\":1,\"kernel\":3,\"stride\":1");
        assertThat(ArchitectureJson.read(json)).isEqualTo(architecture);
        assertThat(ArchitectureJson.read(json).canonical()).isEqualTo(architecture.canonical());
    }

    @Test
    void cellRoundTrips() {
        CellArchitecture cell = CellArchitecture.parse(
                "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|");

        String json = ArchitectureJson.write(cell);

        assertThat(json).isEqualTo("{\"family\":\"nb201\",\"edges\":[\"nor_conv_3x3\",\"none\",\"skip_connect\","
                + "\"avg_pool_3x3\",\"nor_conv_1x1\",\"nor_conv_3x3\"]}");
        assertThat(ArchitectureJson.read(json)).isEqualTo(cell);
    }

    @Test
    void absentOptionalFieldsTakeDefaultsAndUnknownFieldsAreIgnored() {
        String json = "{\"family\":\"mnasnet\",\"blocks\":[{\"repeats\":2,\"kernel\":3,\"stride\":2,\"expansion\":6,"
                + "\"inFilters\":16,\"outFilters\":24,\"colour\":\"blue\"}],\"comment\":1}";

        assertThat(ArchitectureJson.read(json).canonical()).isEqualTo("r2_k3_s22_e6_i16_o24");
    }

    @Test
    void refusesABrokenDocumentWithTheRule() {
        String json = "{\"family\":\"mnasnet\",\"blocks\":[{\"repeats\":0,\"kernel\":3,\"stride\":2,\"expansion\":6,"
                + "\"inFilters\":16,\"outFilters\":24}]}";

        assertThatThrownBy(() -> ArchitectureJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats must be >= 1");
        assertThatThrownBy(() -> ArchitectureJson.read("{\"family\":\"nb201\",\"edges\":[\"none\"]}"))
                .hasMessageContaining("exactly 6 edges");
    }

    @Test
    void blockJsonNamesEnumsInLowerCase() {
        MnasArchitecture architecture = new MnasArchitecture(List.of(
                BlockSpec.of(1, 3, 1, 4, 8, 8, null, ConvType.FUSED, SkipOp.NONE)));

        assertThat(ArchitectureJson.write(architecture))
                .contains("\"convType\":\"fused\"", "\"skip\":\"none\"", "\"strideNotation\":\"pair\"")
                .doesNotContain("seRatio");
    }
}
