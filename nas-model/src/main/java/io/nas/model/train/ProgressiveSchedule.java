package io.nas.model.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * EfficientNetV2's progressive learning (Algorithm 1): M stages share the training budget equally
 * ({@code epochsPerStage} each); stage i (0-based) trains at {@code S_i = S_0 + (S_e - S_0) * i / (M - 1)}, rounded
 * to whole pixels, with dropout, RandAugment magnitude and mixup alpha interpolated the same way (not rounded). With
 * one stage it trains at the final values. The fixed schedule, every stage at the final size and regularization, is
 * the baseline progressive learning is measured against.
 */
public record ProgressiveSchedule(List<StageSettings> stages, int epochsPerStage) {

    public ProgressiveSchedule {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one stage");
        }
        if (epochsPerStage < 1) {
            throw new IllegalArgumentException("epochsPerStage must be >= 1, was " + epochsPerStage);
        }
    }

    /** From {@code start} at stage 0 to {@code end} at stage {@code stages - 1}. */
    public static ProgressiveSchedule progressive(int stages, int epochsPerStage, StageSettings start,
                                                  StageSettings end) {
        requireStages(stages);
        List<StageSettings> settings = new ArrayList<>(stages);
        for (int i = 0; i < stages; i++) {
            double t = stages == 1 ? 1.0 : (double) i / (stages - 1);
            settings.add(new StageSettings(
                    (int) Math.round(start.imageSize() + (end.imageSize() - start.imageSize()) * t),
                    interpolate(start.dropout(), end.dropout(), t),
                    interpolate(start.randAugmentMagnitude(), end.randAugmentMagnitude(), t),
                    interpolate(start.mixupAlpha(), end.mixupAlpha(), t)));
        }
        return new ProgressiveSchedule(settings, epochsPerStage);
    }

    /** Every stage at {@code end}: the same budget without progressive learning. */
    public static ProgressiveSchedule fixed(int stages, int epochsPerStage, StageSettings end) {
        requireStages(stages);
        return new ProgressiveSchedule(Collections.nCopies(stages, end), epochsPerStage);
    }

    public int size() {
        return stages.size();
    }

    public StageSettings stage(int index) {
        return stages.get(index);
    }

    public StageSettings last() {
        return stages.get(stages.size() - 1);
    }

    /** The size the network is evaluated at: the last stage's. */
    public int finalImageSize() {
        return last().imageSize();
    }

    public int totalEpochs() {
        return stages.size() * epochsPerStage;
    }

    /** The fixed baseline with this schedule's budget and final settings. */
    public ProgressiveSchedule asFixed() {
        return fixed(size(), epochsPerStage, last());
    }

    private static double interpolate(double start, double end, double t) {
        return t == 1.0 ? end : start + (end - start) * t;
    }

    private static void requireStages(int stages) {
        if (stages < 1) {
            throw new IllegalArgumentException("stages must be >= 1, was " + stages);
        }
    }
}
