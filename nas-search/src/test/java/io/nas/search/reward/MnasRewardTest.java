package io.nas.search.reward;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MnasRewardTest {

    private static final double TARGET = 80.0;

    @Test
    void softConstraintScalesBothWays() {
        MnasReward soft = MnasReward.soft(TARGET);

        assertThat(soft.reward(0.75, 80.0)).isEqualTo(0.75);
        // 0.75 * (160/80)^-0.07 = 0.75 * 2^-0.07 = 0.75 * 0.9526380 = 0.7144785
        assertThat(soft.reward(0.75, 160.0)).isCloseTo(0.7144785, within(1e-7));
        // 0.75 * (40/80)^-0.07 = 0.75 * 1.0497167 = 0.7872875
        assertThat(soft.reward(0.75, 40.0)).isCloseTo(0.7872875, within(1e-7));
    }

    @Test
    void hardConstraintGivesNoCreditBelowAndPenalizesAboveTheTarget() {
        MnasReward hard = MnasReward.hard(TARGET);

        // alpha = 0: (40/80)^0 = 1
        assertThat(hard.reward(0.75, 40.0)).isEqualTo(0.75);
        // beta = -1: 0.75 * (160/80)^-1 = 0.375
        assertThat(hard.reward(0.75, 160.0)).isCloseTo(0.375, within(1e-12));
    }

    @Test
    void anExperimentsConstraintWithOverrides() {
        assertThat(MnasReward.of("soft", TARGET, null, null)).isEqualTo(MnasReward.soft(TARGET));
        assertThat(MnasReward.of("HARD", TARGET, null, -2.0)).isEqualTo(new MnasReward(TARGET, 0.0, -2.0));
        assertThat(MnasReward.of(null, TARGET, -0.1, null)).isEqualTo(new MnasReward(TARGET, -0.1, -0.07));
        assertThatThrownBy(() -> MnasReward.of("medium", TARGET, null, null))
                .hasMessage("constraint must be soft or hard, was 'medium'");
    }

    @Test
    void implementsTheCommonInterfaceIgnoringTrainingTimeAndSize() {
        RewardFunction reward = MnasReward.soft(TARGET);

        assertThat(reward.reward(0.75, 160.0, 999.0, 5)).isEqualTo(MnasReward.soft(TARGET).reward(0.75, 160.0));
    }

    @Test
    void refusesInputsOutsideTheirRange() {
        MnasReward soft = MnasReward.soft(TARGET);

        assertThatThrownBy(() -> soft.reward(1.2, 10.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accuracy must be a fraction in [0, 1], was 1.2");
        assertThatThrownBy(() -> soft.reward(-0.1, 10.0)).hasMessageStartingWith("accuracy must be");
        assertThatThrownBy(() -> soft.reward(0.5, 0.0)).hasMessage("latencyMs must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> MnasReward.hard(-5.0))
                .hasMessage("targetLatencyMs must be a finite number > 0, was -5.0");
        assertThatThrownBy(() -> new MnasReward(TARGET, Double.NaN, -1)).hasMessage("alpha must be finite, was NaN");
    }
}
