package io.nas.latency.service;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceProbesTest {

    @Test
    void aSpeedReferenceThatIsNotPositiveIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> DeviceProbes.referenceMs(OptionalDouble.of(0.0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nas.device.reference-ms")
                .hasMessageContaining("build-lut");
        assertThatThrownBy(() -> DeviceProbes.referenceMs(OptionalDouble.of(Double.NaN)))
                .hasMessageContaining("nas.device.reference-ms");
    }

    @Test
    void aPositiveOrUnsetSpeedReferenceIsKept() {
        assertThat(DeviceProbes.referenceMs(OptionalDouble.of(1.25))).hasValue(1.25);
        assertThat(DeviceProbes.referenceMs(OptionalDouble.empty())).isEmpty();
    }
}
