package io.nas.model.latency;

import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;
import io.nas.contract.space.SkeletonBlock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyTableTest {

    /** Two small blocks on the CPU preset's frame: a few hundred entries of a few tens of microseconds. */
    private static final SearchSpaceSpec TINY = new SearchSpaceSpec(null, "mnasnet-cpu",
            List.of(new SkeletonBlock(1, 16, 2), new SkeletonBlock(1, 16, 2)), 0.5, 16, 1, 10, 8, 32, null);
    private static final TimingPlan CHEAP = new TimingPlan(3, 5, 10, 1_000, 40, 0.02);

    @Test
    void enumeratesEveryLayerTheSpaceCanProduce() {
        LatencyTable.Entries entries = LatencyTable.entries(TINY);
        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of(TINY);

        assertThat(entries.layers()).doesNotHaveDuplicates();
        assertThat(entries.headWidths()).containsExactly(8, 16);
        assertThat(entries.headInputSize()).isEqualTo(2);
        // Every layer of every architecture is an entry.
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            MnasArchitecture architecture = space.decode(space.decisions().stream()
                    .map(d -> random.nextInt(d.size())).toList());
            List<String> keys = keys(architecture, 16);
            assertThat(entries.layers().stream().map(LayerConfig::key)).containsAll(keys);
        }
    }

    @Test
    void measuresInBoundedTimeRoundTripsAndPredicts() {
        List<LatencyTable.Progress> progress = new ArrayList<>();
        LatencyTable table = LatencyTable.build(TINY, 1, CHEAP, progress::add);

        int total = LatencyTable.entries(TINY).total();
        assertThat(table.size()).isEqualTo(total);
        assertThat(progress).hasSize(total);
        assertThat(progress.get(total - 1).done()).isEqualTo(total);
        assertThat(table.buildSeconds()).isLessThan(total * 0.2 + 5);
        assertThat(table.layersMs().values()).allMatch(ms -> ms > 0);
        // Timed whole, a network is not exactly the sum of its layers timed one by one; the factor is that ratio.
        assertThat(table.networkFactor()).isBetween(0.3, 3.0);

        LatencyTable read = LatencyTable.fromJson(table.toJson());
        assertThat(read).isEqualTo(table);

        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of(TINY);
        MnasArchitecture architecture = space.decode(List.of(3, 1, 1, 2, 0, 1, 3, 0, 1, 1, 0, 1));
        double predicted = read.predict(architecture);
        double measured = new HostCpuProbe(1, new TimingPlan(10, 50, 30, 100_000, 500, 0.01))
                .measure(ProbeRequest.of(architecture, space.frame())).p50Ms();
        assertThat(predicted).isBetween(measured / 3, measured * 3);
        assertThat(new LookupTableProbe(read).measure(ProbeRequest.of(architecture, space.frame())).p50Ms())
                .isEqualTo(predicted);
    }

    @Test
    void scalesTheSumOfTheEntriesByTheNetworkFactor() {
        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of(TINY);
        LatencyTable.Entries entries = LatencyTable.entries(TINY);
        java.util.Map<String, Double> layers = new java.util.HashMap<>();
        entries.layers().forEach(layer -> layers.put(layer.key(), 0.25));
        java.util.Map<String, Double> heads = java.util.Map.of("cin8", 0.5, "cin16", 0.5);
        MnasArchitecture architecture = space.decode(List.of(3, 1, 1, 2, 0, 1, 3, 0, 1, 1, 0, 1));
        int layerCount = architecture.blocks().stream().mapToInt(b -> b.repeats()).sum();

        LatencyTable plain = new LatencyTable("host-cpu", TINY.resolved(), 1, 1.0, heads, layers, null, 0.0, null);
        LatencyTable scaled = new LatencyTable("host-cpu", TINY.resolved(), 1, 1.0, heads, layers, null, 0.0, 1.25);

        assertThat(plain.predict(architecture)).isEqualTo(1.0 + 0.25 * layerCount + 0.5);
        assertThat(scaled.predict(architecture)).isEqualTo(1.25 * plain.predict(architecture));
        // A table written before the factor existed has no such field, and predicts the plain sum.
        assertThat(plain.toJson()).doesNotContain("networkFactor");
        assertThat(LatencyTable.fromJson(plain.toJson()).predict(architecture)).isEqualTo(plain.predict(architecture));
        assertThatThrownBy(() -> new LatencyTable("host-cpu", TINY.resolved(), 1, 1.0, heads, layers, null, 0.0, 0.0))
                .hasMessageContaining("networkFactor");
    }

    @Test
    void refusesAnArchitectureOutsideItsSpace() {
        LatencyTable table = new LatencyTable("host-cpu", TINY.resolved(), 1, 1.0, java.util.Map.of("cin8", 1.0, "cin16", 1.0),
                java.util.Map.of(), null, 0.0, null);
        MnasSearchSpace space = (MnasSearchSpace) SearchSpaces.of(TINY);
        MnasArchitecture architecture = space.decode(new ArrayList<>(java.util.Collections.nCopies(12, 0)));
        assertThatThrownBy(() -> table.predict(architecture)).hasMessageContaining("no table entry");
    }

    private static List<String> keys(MnasArchitecture architecture, int resolution) {
        List<String> keys = new ArrayList<>();
        int size = (resolution + 1) / 2;
        for (var block : architecture.blocks()) {
            for (int layer = 0; layer < block.repeats(); layer++) {
                keys.add(LayerConfig.of(block, layer, size).key());
                size = (size + block.layerStride(layer) - 1) / block.layerStride(layer);
            }
        }
        return keys;
    }
}
