package io.nas.contract.space;

import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.CellArchitecture;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.ReferenceArchitectures;
import io.nas.contract.count.AnalyticCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MnasSearchSpaceTest {

    private static List<Integer> randomIndices(SearchSpace space, Random random) {
        List<Integer> indices = new ArrayList<>();
        space.decisions().forEach(d -> indices.add(random.nextInt(d.size())));
        return indices;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnasnet", "mnasnet-cpu", "mnasnet-fused", "nb201"})
    void indicesAndArchitecturesMapOneToOne(String preset) {
        SearchSpace space = SearchSpaces.of(preset);
        Random random = new Random(42);
        Set<List<Integer>> vectors = new HashSet<>();
        Set<String> canonicals = new HashSet<>();

        for (int i = 0; i < 3000; i++) {
            List<Integer> indices = randomIndices(space, random);
            String canonical = space.canonical(indices);

            assertThat(space.encode(space.decode(indices))).isEqualTo(indices);
            assertThat(space.encode(canonical)).isEqualTo(indices);
            assertThat(space.parse(canonical)).isEqualTo(space.decode(indices));
            vectors.add(indices);
            canonicals.add(canonical);
        }
        assertThat(canonicals).hasSameSizeAs(vectors);
    }

    @Test
    void fullSpaceHasSixDecisionsPerSkeletonBlock() {
        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of("mnasnet");

        assertThat(space.decisions()).hasSize(42);
        assertThat(space.decisions().subList(0, 6)).containsExactly(
                new Decision("block0.op", List.of("conv", "sepconv", "mbconv3", "mbconv6")),
                new Decision("block0.kernel", List.of("3", "5")),
                new Decision("block0.se", List.of("0", "0.25")),
                new Decision("block0.skip", List.of("none", "identity", "pool")),
                new Decision("block0.filters", List.of("16", "24")),
                new Decision("block0.layers", List.of("1", "2")));
        // 160 filters: 0.75 -> 120, 1.0 -> 160, 1.25 -> 200; 3 repeats: 2, 3, 4.
        assertThat(space.decisions().get(5 * 6 + 4).options()).containsExactly("120", "160", "200");
        assertThat(space.decisions().get(5 * 6 + 5).options()).containsExactly("2", "3", "4");
        assertThat(space.frame().stem()).isEqualTo(32);
    }

    @Test
    void fusedOpsOnlyWhenEnabled() {
        assertThat(SearchSpaces.of("mnasnet-fused").decisions().get(0).options())
                .containsExactly("conv", "sepconv", "mbconv3", "mbconv6", "fused1", "fused4");
        assertThatThrownBy(() -> SearchSpaces.of("mnasnet").encode("r1_k3_s11_e4_i32_o16_c1,r2_k3_s22_e6_i16_o24,"
                + "r3_k3_s22_e6_i24_o32,r4_k3_s22_e6_i32_o64,r3_k3_s11_e6_i64_o96,r3_k3_s22_e6_i96_o160,"
                + "r1_k3_s11_e6_i160_o320"))
                .hasMessageContaining("block0.op 'fused4' is not in the space");
    }

    @Test
    void decodesTheSkeletonItself() {
        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of("mnasnet");
        List<Integer> mobileNetV2 = new ArrayList<>();
        for (int b = 0; b < 7; b++) {
            SkeletonBlock skeleton = space.spec().skeleton().get(b);
            List<String> labels = List.of(b == 0 ? "sepconv" : "mbconv6", "3", "0", "identity",
                    String.valueOf(skeleton.filters()), String.valueOf(skeleton.repeats()));
            for (int d = 0; d < 6; d++) {
                mobileNetV2.add(space.decisions().get(b * 6 + d).indexOf(labels.get(d)));
            }
        }

        MnasArchitecture architecture = space.decode(mobileNetV2);

        assertThat(architecture.canonical()).isEqualTo(ReferenceArchitectures.MOBILENET_V2);
        assertThat(AnalyticCounter.count(architecture, space.frame()).params()).isEqualTo(3_504_872L);
    }

    @Test
    void encodesAReferenceNetworkOfTheSpaceWhicheverWayItWritesStrides() {
        SearchSpace space = SearchSpaces.of("mnasnet");
        List<Integer> indices = space.encode(ReferenceArchitectures.MOBILENET_V2);

        assertThat(space.encode(ReferenceArchitectures.MOBILENET_V2.replace("_s11_", "_s1_").replace("_s22_", "_s2_")))
                .isEqualTo(indices);
    }

    @Test
    void refusesArchitecturesOutsideTheSpaceSayingWhy() {
        SearchSpace space = SearchSpaces.of("mnasnet");

        // MnasNet-A1's 112 filters in block 4 are not 0.75/1.0/1.25 x 96.
        assertThatThrownBy(() -> space.encode(ReferenceArchitectures.MNASNET_A1))
                .hasMessageContaining("block4.filters '112' is not in the space");
        assertThatThrownBy(() -> space.encode(ReferenceArchitectures.EFFICIENTNET_V2_S))
                .hasMessageContaining("has 6 blocks, the space 7");
        assertThatThrownBy(() -> space.encode(CellArchitecture.parse(
                "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"))).hasMessageContaining("not in a mnasnet space");
        assertThatThrownBy(() -> space.encode(ReferenceArchitectures.MOBILENET_V2.replace("r1_k3_s11_e6_i160_o320",
                "r1_k7_s11_e6_i160_o320"))).hasMessageContaining("block6.kernel '7'");
        assertThatThrownBy(() -> space.encode(ReferenceArchitectures.MOBILENET_V2.replace("r2_k3_s22_e6_i16_o24",
                "r2_k3_s11_e6_i16_o24"))).hasMessageContaining("block 1 stride 1 is not the skeleton's 2");
    }

    @Test
    void refusesBadIndexVectors() {
        SearchSpace space = SearchSpaces.of("mnasnet-cpu");
        List<Integer> indices = new ArrayList<>(randomIndices(space, new Random(1)));

        assertThatThrownBy(() -> space.decode(indices.subList(0, 3))).hasMessageContaining("expected 30 indices");
        indices.set(7, 2);
        assertThatThrownBy(() -> space.decode(indices))
                .hasMessageContaining("index 7 (block1.kernel) must be in [0, 2), was 2");
    }

    @Test
    void cpuPresetIsSmallAndNarrow() {
        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of("mnasnet-cpu");
        List<Integer> largest = space.decisions().stream().map(d -> d.size() - 1).toList();

        MnasArchitecture architecture = space.decode(largest);

        assertThat(space.spec().resolution()).isEqualTo(32);
        assertThat(space.spec().inChannels()).isEqualTo(1);
        assertThat(space.spec().classes()).isEqualTo(10);
        assertThat(architecture.blocks()).hasSize(5);
        // 16 x 0.5 = 8 filters: 0.75 and 1.0 both round to 8, so the first block offers two widths.
        assertThat(space.decisions().get(4).options()).containsExactly("8", "16");
        assertThat(architecture.blocks().stream().mapToInt(BlockSpec::outFilters).max().orElseThrow()).isEqualTo(64);
        assertThat(AnalyticCounter.count(architecture, space.frame()).params()).isLessThan(500_000L);
    }

    @Test
    void sizeIsTheProductOfTheOptions() {
        // Per block: 4 ops x 2 kernels x 2 SE x 3 skips x 3 (or 2) widths x 3 (or 2) layer counts.
        BigInteger perBlock = BigInteger.valueOf(4 * 2 * 2 * 3);
        assertThat(SearchSpaces.of("mnasnet").size()).isEqualTo(perBlock.pow(7)
                .multiply(BigInteger.valueOf(2 * 2 * 3 * 3 * 3 * 3 * 3)) // widths: 16 -> 16/24, 24 -> 24/32
                .multiply(BigInteger.valueOf(2 * 3 * 3 * 3 * 3 * 3 * 2))); // layers: blocks 0 and 6 repeat once
    }

    @Test
    void filterRoundingFollowsTheReferenceRule() {
        assertThat(FilterRounding.round(12)).isEqualTo(16);
        assertThat(FilterRounding.round(10)).isEqualTo(16);
        assertThat(FilterRounding.round(6)).isEqualTo(8);
        assertThat(FilterRounding.round(18)).isEqualTo(24);
        assertThat(FilterRounding.round(72)).isEqualTo(72);
        assertThat(FilterRounding.round(120)).isEqualTo(120);
        assertThat(FilterRounding.round(400)).isEqualTo(400);
        assertThat(FilterRounding.round(35)).isEqualTo(32);
    }
}
