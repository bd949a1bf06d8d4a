package io.nas.model.latency;

import io.nas.contract.event.LatencyMethod;
import io.nas.contract.space.SearchSpaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReplayProbeTest {

    /** Row 1 of search.csv. */
    private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
            + "nor_conv_3x3~1|skip_connect~2|";

    @Test
    void replaysTheRecordedDeviceColumns() {
        Path csv = benchmarkFile();
        assumeTrue(csv != null, "shared/bench/nb201/search.csv not present");
        ProbeRequest request = ProbeRequest.of(CELL, SearchSpaceSpec.preset("nb201"), null);

        LatencyMeasurement pixel = ReplayProbe.load(csv, "pixel3_ms").measure(request);
        LatencyMeasurement raspi = ReplayProbe.load(csv, "arch_str", "raspi4_ms").measure(request);

        assertThat(pixel.p50Ms()).isEqualTo(17.2381);
        assertThat(pixel.method()).isEqualTo(LatencyMethod.REPLAYED);
        assertThat(pixel.runs()).isEqualTo(1);
        assertThat(raspi.p50Ms()).isEqualTo(54.7774);
        assertThat(ReplayProbe.load(csv, "pixel3_ms").size()).isEqualTo(15_625);
    }

    @Test
    void anArchitectureMissingFromTheFileFailsNamingTheFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("farm.csv");
        Files.write(csv, List.of("arch_str,pixel3_ms", CELL + ",1.5"));
        ReplayProbe probe = ReplayProbe.load(csv, "pixel3_ms");
        ProbeRequest other = ProbeRequest.of(CELL.replace("avg_pool_3x3", "none"), SearchSpaceSpec.preset("nb201"),
                null);

        assertThat(probe.measure(ProbeRequest.of(CELL, SearchSpaceSpec.preset("nb201"), null)).p50Ms())
                .isEqualTo(1.5);
        assertThatThrownBy(() -> probe.measure(other))
                .isInstanceOf(ProbeFailedException.class).hasMessageContaining(csv.toString());
    }

    @Test
    void readsQuotedMnasNetStringsAndARunsColumn(@TempDir Path dir) throws Exception {
        String arch = "r1_k3_s11_e1_i16_o8,r2_k3_s22_e6_i8_o16";
        Path csv = dir.resolve("phones.csv");
        Files.write(csv, List.of("architecture,pixel1_ms,runs", "\"" + arch + "\",12.5,50"));

        LatencyMeasurement measurement = ReplayProbe.load(csv, "pixel1_ms")
                .measure(new ProbeRequest(arch, null, null, 32, 1));

        assertThat(measurement.p50Ms()).isEqualTo(12.5);
        assertThat(measurement.runs()).isEqualTo(50);
    }

    @Test
    void refusesAFileWithoutTheColumn(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("farm.csv");
        Files.write(csv, List.of("arch_str,pixel3_ms"));
        assertThatThrownBy(() -> ReplayProbe.load(csv, "raspi4_ms"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raspi4_ms");
    }

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
