package io.nas.model.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The learning rate is a function of the step alone, so the step count is all a checkpoint needs for it. */
class MomentumSgdTest {

    private final MomentumSgd sgd = new MomentumSgd(new MomentumSgd.Settings(0.2, 0.9, 0, 0.1), 1000, 0);

    @Test
    void warmsUpLinearlyThenDecaysAlongACosineToZero() {
        assertThat(sgd.learningRate(0)).isCloseTo(0.2 / 100, offset(1e-4));
        assertThat(sgd.learningRate(49)).isCloseTo(0.2 * 0.5 * (1 + Math.cos(Math.PI * 0.049)) / 2, offset(1e-9));
        assertThat(sgd.learningRate(100)).isCloseTo(0.2 * 0.5 * (1 + Math.cos(Math.PI * 0.1)), offset(1e-9));
        assertThat(sgd.learningRate(500)).isCloseTo(0.1, offset(1e-9));
        assertThat(sgd.learningRate(999)).isCloseTo(0.0, offset(1e-5));
    }

    @Test
    void aResumedOptimizerContinuesTheSameSchedule() {
        MomentumSgd resumed = new MomentumSgd(new MomentumSgd.Settings(0.2, 0.9, 0, 0.1), 1000, 400);

        for (long step : new long[] {400, 401, 777}) {
            assertThat(resumed.learningRate(step)).isEqualTo(sgd.learningRate(step));
        }
    }
}
