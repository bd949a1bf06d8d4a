package io.nas.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NnpackSwitchTest {

    @Test
    void theRuntimeTurnsNnpackOffWhenItLoadsTheEngine() {
        DjlRuntime.init(1);

        assertThat(NnpackSwitch.isOff()).isTrue();
    }
}
