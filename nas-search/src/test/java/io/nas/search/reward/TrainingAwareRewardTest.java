package io.nas.search.reward;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainingAwareRewardTest {

    private final TrainingAwareReward reward = TrainingAwareReward.of(100.0, 1_000_000);

    @Test
    void penalizesSlowerTrainingAndMoreParameters() {
        // 0.8 * (150/100)^-0.07 * (2e6/1e6)^-0.05 = 0.8 * 0.9720 * 0.9659 = 0.7511248
        assertThat(reward.reward(0.8, 12.0, 150.0, 2_000_000)).isCloseTo(0.7511248, within(1e-7));
        // 0.8 * 0.5^-0.07 * 0.5^-0.05 = 0.8 * 2^0.12 = 0.8693879
        assertThat(reward.reward(0.8, 12.0, 50.0, 500_000)).isCloseTo(0.8693879, within(1e-7));
        assertThat(reward.reward(0.8, 999.0, 100.0, 1_000_000)).isEqualTo(0.8);
    }

    @Test
    void exponentsAreSettable() {
        TrainingAwareReward steep = new TrainingAwareReward(100.0, 1_000_000, -1.0, 0.0);

        assertThat(steep.reward(0.8, 1.0, 200.0, 7)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void refusesInputsOutsideTheirRange() {
        assertThatThrownBy(() -> reward.reward(0.8, 1.0, 0.0, 10))
                .hasMessage("trainingSeconds must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> reward.reward(0.8, 1.0, 10.0, 0))
                .hasMessage("params must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> reward.reward(2.0, 1.0, 10.0, 10)).hasMessageStartingWith("accuracy must be");
        assertThatThrownBy(() -> TrainingAwareReward.of(0.0, 10))
                .hasMessage("referenceTrainingSeconds must be a finite number > 0, was 0.0");
    }
}
