package io.nas.model.train;

import java.util.List;

/**
 * Where a run stands after a stage, as plain JSON-able values: the last completed stage (0-based) of
 * {@code stages}, the optimizer's update count (its learning rate follows from it), the run's total updates, the
 * training seconds so far and per completed stage, and the run's seed.
 */
public record TrainingPosition(int stage, int stages, long steps, long totalSteps, double trainingSeconds,
                               List<Double> stageSeconds, long seed) {

    public TrainingPosition {
        stageSeconds = List.copyOf(stageSeconds);
        if (stage < 0 || stage >= stages) {
            throw new IllegalArgumentException("stage " + stage + " is not one of " + stages);
        }
        if (steps < 0 || steps > totalSteps) {
            throw new IllegalArgumentException("steps " + steps + " out of 0.." + totalSteps);
        }
    }

    /** True when no stage is left to train. */
    public boolean finished() {
        return stage == stages - 1;
    }
}
