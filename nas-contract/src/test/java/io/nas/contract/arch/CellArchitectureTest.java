package io.nas.contract.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CellArchitectureTest {

    @Test
    void printsTheBenchmarkFormWithEdgesInOrder() {
        CellArchitecture cell = new CellArchitecture(List.of(CellOp.AVG_POOL_3X3, CellOp.NOR_CONV_1X1,
                CellOp.SKIP_CONNECT, CellOp.NOR_CONV_1X1, CellOp.SKIP_CONNECT, CellOp.NONE));

        assertThat(cell.canonical()).isEqualTo(
                "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|none~2|");
        assertThat(CellArchitecture.edgeName(2)).isEqualTo("2<-1");
    }

    @Test
    void everyArchStringOfTheBenchmarkFileParsesAndPrintsBackIdentically() throws IOException {
        Path csv = benchmarkFile();
        assumeTrue(csv != null, "shared/bench/nb201/search.csv not present");
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int column = header.indexOf("arch_str");
        Set<String> distinct = new HashSet<>();

        for (String line : lines.subList(1, lines.size())) {
            String arch = line.split(",")[column];
            assertThat(CellArchitecture.parse(arch).canonical()).isEqualTo(arch);
            distinct.add(arch);
        }

        assertThat(lines.size() - 1).isEqualTo(15625);
        assertThat(distinct).hasSize(15625);
    }

    @Test
    void refusesMalformedCells() {
        assertThatThrownBy(() -> CellArchitecture.parse("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"))
                .hasMessageContaining("conv~0").hasMessageContaining("offset 1");
        assertThatThrownBy(() -> CellArchitecture.parse("|none~0|+|none~0|none~2|+|none~0|none~1|none~2|"))
                .hasMessageContaining("none~2").hasMessageContaining("must end in ~1");
        assertThatThrownBy(() -> CellArchitecture.parse("|none~0|+|none~0|none~1|"))
                .hasMessageContaining("3 node groups");
    }

    /** The shared bench directory sits beside the repository (DESIGN.md: ../shared/bench/nb201). */
    static Path benchmarkFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/bench/nb201/search.csv"),
                    dir.resolve("../shared/bench/nb201/search.csv"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return null;
    }
}
