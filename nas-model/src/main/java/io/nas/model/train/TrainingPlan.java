package io.nas.model.train;

import io.nas.contract.event.TrainingSpec;

/**
 * A {@link TrainingSpec} with every missing field filled in, as the trainer runs it. Defaults, chosen for the
 * CPU-sized proxy task (Fashion-MNIST, mnasnet-cpu at 32 px) to train a candidate in a few minutes on two cores:
 * backend {@code djl}, dataset {@code fashion-mnist}, {@value #DEFAULT_STAGES} stages of
 * {@value #DEFAULT_EPOCHS_PER_STAGE} epochs, batch {@value #DEFAULT_BATCH_SIZE}, image size from half the final size
 * (at least 8) to the network's resolution, dropout {@value #DEFAULT_DROPOUT_START} to
 * {@value #DEFAULT_DROPOUT_END}, RandAugment magnitude {@value #DEFAULT_RAND_AUGMENT_START} (none) to
 * {@value #DEFAULT_RAND_AUGMENT_END}, mixup alpha {@value #DEFAULT_MIXUP_START} (none) to
 * {@value #DEFAULT_MIXUP_END}, {@value #DEFAULT_TRAIN_EXAMPLES} training and {@value #DEFAULT_VALIDATION_EXAMPLES}
 * validation examples, activation {@code relu}, seed 0.
 */
public record TrainingPlan(String backend, String dataset, ProgressiveSchedule schedule, int batchSize,
                           int trainExamples, int validationExamples, String activation, long seed) {

    public static final String DEFAULT_BACKEND = "djl";
    public static final String DEFAULT_DATASET = "fashion-mnist";
    public static final int DEFAULT_STAGES = 4;
    public static final int DEFAULT_EPOCHS_PER_STAGE = 2;
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final double DEFAULT_DROPOUT_START = 0.1;
    public static final double DEFAULT_DROPOUT_END = 0.2;
    public static final double DEFAULT_RAND_AUGMENT_START = 0.0;
    public static final double DEFAULT_RAND_AUGMENT_END = 4.0;
    public static final double DEFAULT_MIXUP_START = 0.0;
    public static final double DEFAULT_MIXUP_END = 0.2;
    public static final int DEFAULT_TRAIN_EXAMPLES = 8000;
    public static final int DEFAULT_VALIDATION_EXAMPLES = 2000;
    public static final String DEFAULT_ACTIVATION = "relu";
    public static final long DEFAULT_SEED = 0L;

    public TrainingPlan {
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be >= 2 (batch norm), was " + batchSize);
        }
        if (trainExamples < batchSize) {
            throw new IllegalArgumentException("trainExamples " + trainExamples + " is below one batch of "
                    + batchSize);
        }
        if (validationExamples < 1) {
            throw new IllegalArgumentException("validationExamples must be >= 1, was " + validationExamples);
        }
    }

    /** The spec's values, the defaults above where it has none; {@code resolution} is the network's input size. */
    public static TrainingPlan resolve(TrainingSpec spec, int resolution) {
        int end = orDefault(spec.imageSizeEnd(), resolution);
        int start = orDefault(spec.imageSizeStart(), Math.max(8, Math.round(end / 2f)));
        StageSettings first = new StageSettings(start,
                orDefault(spec.dropoutStart(), DEFAULT_DROPOUT_START),
                orDefault(spec.randAugmentStart(), DEFAULT_RAND_AUGMENT_START),
                orDefault(spec.mixupStart(), DEFAULT_MIXUP_START));
        StageSettings last = new StageSettings(end,
                orDefault(spec.dropoutEnd(), DEFAULT_DROPOUT_END),
                orDefault(spec.randAugmentEnd(), DEFAULT_RAND_AUGMENT_END),
                orDefault(spec.mixupEnd(), DEFAULT_MIXUP_END));
        ProgressiveSchedule schedule = ProgressiveSchedule.progressive(orDefault(spec.stages(), DEFAULT_STAGES),
                orDefault(spec.epochsPerStage(), DEFAULT_EPOCHS_PER_STAGE), first, last);
        return new TrainingPlan(orDefault(spec.backend(), DEFAULT_BACKEND), orDefault(spec.dataset(), DEFAULT_DATASET),
                schedule, orDefault(spec.batchSize(), DEFAULT_BATCH_SIZE),
                orDefault(spec.trainExamples(), DEFAULT_TRAIN_EXAMPLES),
                orDefault(spec.validationExamples(), DEFAULT_VALIDATION_EXAMPLES),
                orDefault(spec.activation(), DEFAULT_ACTIVATION), orDefault(spec.seed(), DEFAULT_SEED));
    }

    /** The same plan trained with the fixed baseline schedule. */
    public TrainingPlan asFixed() {
        return withSchedule(schedule.asFixed());
    }

    public TrainingPlan withSchedule(ProgressiveSchedule other) {
        return new TrainingPlan(backend, dataset, other, batchSize, trainExamples, validationExamples, activation,
                seed);
    }

    /** Optimizer steps of the whole run: every epoch drops its last partial batch. */
    public long totalSteps() {
        return (long) schedule.totalEpochs() * (trainExamples / batchSize);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
