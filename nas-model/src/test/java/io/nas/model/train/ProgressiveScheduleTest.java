package io.nas.model.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** EfficientNetV2 Algorithm 1: S_i = S_0 + (S_e - S_0) * i / (M - 1), regularization alike. */
class ProgressiveScheduleTest {

    @Test
    void fourStagesFrom16To32Pixels() {
        ProgressiveSchedule schedule = ProgressiveSchedule.progressive(4, 2,
                new StageSettings(16, 0.1, 5, 0), new StageSettings(32, 0.3, 15, 0.2));

        assertThat(schedule.stages()).extracting(StageSettings::imageSize).containsExactly(16, 21, 27, 32);
        double[] dropout = schedule.stages().stream().mapToDouble(StageSettings::dropout).toArray();
        double[] magnitude = schedule.stages().stream().mapToDouble(StageSettings::randAugmentMagnitude).toArray();
        assertThat(dropout).containsExactly(new double[] {0.1, 0.1 + 0.2 / 3, 0.1 + 0.4 / 3, 0.3}, offset(1e-12));
        assertThat(magnitude).containsExactly(new double[] {5.0, 5 + 10 / 3.0, 5 + 20 / 3.0, 15.0}, offset(1e-12));
        assertThat(schedule.stage(0).dropout()).isEqualTo(0.1);
        assertThat(schedule.stage(3).dropout()).isEqualTo(0.3);
        assertThat(schedule.stage(1).mixupAlpha()).isCloseTo(0.2 / 3, offset(1e-12));
        assertThat(schedule.last()).isEqualTo(new StageSettings(32, 0.3, 15, 0.2));
        assertThat(schedule.finalImageSize()).isEqualTo(32);
        assertThat(schedule.totalEpochs()).isEqualTo(8);
    }

    @Test
    void theEfficientNetV2SSchedule() {
        // EfficientNetV2-S: 128 to 300 px, dropout 0.1 to 0.3, RandAugment 5 to 15, no mixup, 4 stages.
        ProgressiveSchedule schedule = ProgressiveSchedule.progressive(4, 87,
                new StageSettings(128, 0.1, 5, 0), new StageSettings(300, 0.3, 15, 0));

        assertThat(schedule.stages()).extracting(StageSettings::imageSize).containsExactly(128, 185, 243, 300);
    }

    @Test
    void sizesRoundToTheNearestPixel() {
        ProgressiveSchedule schedule = ProgressiveSchedule.progressive(3, 1,
                new StageSettings(10, 0, 0, 0), new StageSettings(15, 0, 0, 0));

        // 12.5 rounds up.
        assertThat(schedule.stages()).extracting(StageSettings::imageSize).containsExactly(10, 13, 15);
    }

    @Test
    void oneStageTrainsAtTheFinalValues() {
        StageSettings end = new StageSettings(32, 0.2, 10, 0.2);
        ProgressiveSchedule schedule = ProgressiveSchedule.progressive(1, 5, new StageSettings(8, 0, 0, 0), end);

        assertThat(schedule.stages()).containsExactly(end);
        assertThat(schedule.totalEpochs()).isEqualTo(5);
    }

    @Test
    void theFixedBaselineTrainsEveryStageAtTheFinalValues() {
        StageSettings end = new StageSettings(32, 0.2, 10, 0.2);
        ProgressiveSchedule progressive = ProgressiveSchedule.progressive(4, 3, new StageSettings(16, 0.1, 0, 0), end);

        ProgressiveSchedule fixed = progressive.asFixed();

        assertThat(fixed.stages()).isEqualTo(List.of(end, end, end, end));
        assertThat(fixed.epochsPerStage()).isEqualTo(3);
        assertThat(fixed).isEqualTo(ProgressiveSchedule.fixed(4, 3, end));
    }

    @Test
    void invalidSchedulesAreRefused() {
        StageSettings end = new StageSettings(32, 0.2, 10, 0.2);
        assertThatThrownBy(() -> ProgressiveSchedule.progressive(0, 1, end, end))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgressiveSchedule.progressive(2, 0, end, end))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StageSettings(32, 1.0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StageSettings(0, 0.1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
