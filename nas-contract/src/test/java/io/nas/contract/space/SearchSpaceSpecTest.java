package io.nas.contract.space;

import io.nas.contract.event.EventJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchSpaceSpecTest {

    @Test
    void presetsNameEveryParameter() {
        SearchSpaceSpec full = SearchSpaceSpec.preset("mnasnet");

        assertThat(full).isEqualTo(new SearchSpaceSpec("mnasnet", "mnasnet",
                SearchSpacePresets.MOBILENET_V2_SKELETON, 1.0, 224, 3, 1000, 32, 1280, false));
        assertThat(SearchSpaceSpec.preset("mnasnet-fused").fusedOps()).isTrue();
        assertThat(SearchSpaceSpec.preset("nb201").family()).isEqualTo("nb201");
        assertThat(SearchSpacePresets.MOBILENET_V2_SKELETON).extracting(SkeletonBlock::repeats)
                .containsExactly(1, 2, 3, 4, 3, 3, 1);
        assertThat(SearchSpacePresets.MOBILENET_V2_SKELETON).extracting(SkeletonBlock::filters)
                .containsExactly(16, 24, 32, 64, 96, 160, 320);
        assertThat(SearchSpacePresets.MOBILENET_V2_SKELETON).extracting(SkeletonBlock::stride)
                .containsExactly(1, 2, 2, 2, 1, 2, 1);
    }

    @Test
    void explicitFieldsOverrideThePreset() {
        SearchSpaceSpec spec = new SearchSpaceSpec(null, "mnasnet-cpu", null, 0.75, 64, null, null, null, null, true);

        SearchSpaceSpec resolved = spec.resolved();

        assertThat(resolved.family()).isEqualTo("mnasnet");
        assertThat(resolved.widthMultiplier()).isEqualTo(0.75);
        assertThat(resolved.resolution()).isEqualTo(64);
        assertThat(resolved.inChannels()).isEqualTo(1);
        assertThat(resolved.fusedOps()).isTrue();
        assertThat(SearchSpaces.of(spec).spec()).isEqualTo(resolved);
    }

    @Test
    void aFamilyAloneMeansItsFullPreset() {
        assertThat(new SearchSpaceSpec("mnasnet", null, null, null, null, null, null, null, null, null).resolved())
                .isEqualTo(SearchSpaceSpec.preset("mnasnet"));
    }

    @Test
    void refusesBrokenValuesNamingTheField() {
        assertThatThrownBy(() -> new SearchSpaceSpec("mnasnet", null, null, -1.0, null, null, null, null, null, null))
                .hasMessageContaining("space.widthMultiplier");
        assertThatThrownBy(() -> new SearchSpaceSpec("mnasnet", null, null, null, 0, null, null, null, null, null))
                .hasMessageContaining("space.resolution");
        assertThatThrownBy(() -> new SearchSpaceSpec("resnet", null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("space.family");
        assertThatThrownBy(() -> new SearchSpaceSpec(null, "tiny", null, null, null, null, null, null, null, null))
                .hasMessageContaining("space.preset");
        assertThatThrownBy(() -> new SearchSpaceSpec("nb201", "mnasnet", null, null, null, null, null, null, null, null)
                .resolved()).hasMessageContaining("contradicts");
        assertThatThrownBy(() -> new SkeletonBlock(0, 16, 1)).hasMessageContaining("repeats");
    }

    @Test
    void jsonRoundTrips() {
        SearchSpaceSpec spec = new SearchSpaceSpec("mnasnet", "mnasnet-cpu",
                List.of(new SkeletonBlock(1, 16, 1), new SkeletonBlock(2, 24, 2)), 0.5, 32, 1, 10, 16, 256, false);

        assertThat(EventJson.read(EventJson.write(spec), SearchSpaceSpec.class)).isEqualTo(spec);
    }
}
