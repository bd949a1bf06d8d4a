package io.nas.contract.space;

import io.nas.contract.arch.CellArchitecture;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.ReferenceArchitectures;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CellSearchSpaceTest {

    private final SearchSpace space = SearchSpaces.of("nb201");

    @Test
    void sixEdgeDecisionsOverFiveOps() {
        assertThat(space.decisions()).extracting(Decision::name)
                .containsExactly("edge1<-0", "edge2<-0", "edge2<-1", "edge3<-0", "edge3<-1", "edge3<-2");
        assertThat(space.decisions().get(0).options())
                .containsExactly("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
        assertThat(space.size()).isEqualTo(BigInteger.valueOf(15625));
    }

    @Test
    void everyCellRoundTrips() {
        Set<String> canonicals = new HashSet<>();
        for (int n = 0; n < 15625; n++) {
            List<Integer> indices = new ArrayList<>();
            for (int e = 0, rest = n; e < 6; e++, rest /= 5) {
                indices.add(rest % 5);
            }
            String canonical = space.canonical(indices);
            assertThat(space.encode(canonical)).isEqualTo(indices);
            canonicals.add(canonical);
        }
        assertThat(canonicals).hasSize(15625);
    }

    @Test
    void decodesInEdgeOrder() {
        CellArchitecture cell = (CellArchitecture) space.decode(List.of(3, 0, 1, 2, 4, 0));

        assertThat(cell.canonical()).isEqualTo(
                "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|none~2|");
    }

    @Test
    void refusesABlockArchitecture() {
        assertThatThrownBy(() -> space.encode(MnasArchitecture.parse(ReferenceArchitectures.MNASNET_A1)))
                .hasMessageContaining("not in the nb201 space");
    }
}
