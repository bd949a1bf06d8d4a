package io.nas.model.train;

import io.nas.contract.event.TrainingSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingPlanTest {

    @Test
    void anEmptySpecGetsTheDocumentedDefaults() {
        TrainingSpec empty = new TrainingSpec(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        TrainingPlan plan = TrainingPlan.resolve(empty, 32);

        assertThat(plan.backend()).isEqualTo("djl");
        assertThat(plan.dataset()).isEqualTo("fashion-mnist");
        assertThat(plan.schedule().size()).isEqualTo(TrainingPlan.DEFAULT_STAGES);
        assertThat(plan.schedule().epochsPerStage()).isEqualTo(TrainingPlan.DEFAULT_EPOCHS_PER_STAGE);
        assertThat(plan.schedule().stage(0)).isEqualTo(new StageSettings(16, TrainingPlan.DEFAULT_DROPOUT_START,
                TrainingPlan.DEFAULT_RAND_AUGMENT_START, TrainingPlan.DEFAULT_MIXUP_START));
        assertThat(plan.schedule().last()).isEqualTo(new StageSettings(32, TrainingPlan.DEFAULT_DROPOUT_END,
                TrainingPlan.DEFAULT_RAND_AUGMENT_END, TrainingPlan.DEFAULT_MIXUP_END));
        assertThat(plan.batchSize()).isEqualTo(TrainingPlan.DEFAULT_BATCH_SIZE);
        assertThat(plan.trainExamples()).isEqualTo(TrainingPlan.DEFAULT_TRAIN_EXAMPLES);
        assertThat(plan.validationExamples()).isEqualTo(TrainingPlan.DEFAULT_VALIDATION_EXAMPLES);
        assertThat(plan.activation()).isEqualTo("relu");
        assertThat(plan.seed()).isZero();
    }

    @Test
    void theSpecsValuesWin() {
        TrainingSpec spec = new TrainingSpec("djl", "fashion-mnist", 2, 1, 32, 12, 28, 0.1, 0.2, 0.0, 5.0, 0.0, 0.2,
                512, 256, "swish", 9L);

        TrainingPlan plan = TrainingPlan.resolve(spec, 32);

        assertThat(plan.schedule().stages()).containsExactly(new StageSettings(12, 0.1, 0, 0),
                new StageSettings(28, 0.2, 5, 0.2));
        assertThat(plan.batchSize()).isEqualTo(32);
        assertThat(plan.trainExamples()).isEqualTo(512);
        assertThat(plan.validationExamples()).isEqualTo(256);
        assertThat(plan.activation()).isEqualTo("swish");
        assertThat(plan.seed()).isEqualTo(9L);
        assertThat(plan.totalSteps()).isEqualTo(2 * 16);
        assertThat(plan.asFixed().schedule().stages()).containsOnly(new StageSettings(28, 0.2, 5, 0.2));
    }
}
