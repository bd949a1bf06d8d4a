package io.nas.model.train;

import java.util.List;

/**
 * A finished run: accuracy (fraction) on the validation split at the final image size; seconds spent in training
 * steps (evaluation excluded; a resumed run includes the seconds its checkpoint recorded); training images per
 * second over those seconds, all stages together; optimizer steps; seconds per stage; the epochs this process
 * trained; and the final parameters in DJL's format (the trainer frees its arrays when it returns).
 */
public record TrainingOutcome(double accuracy, double trainingSeconds, double imagesPerSecond, long steps,
                              List<Double> stageSeconds, List<EpochReport> epochs, byte[] finalParameters) {

    public TrainingOutcome {
        stageSeconds = List.copyOf(stageSeconds);
        epochs = List.copyOf(epochs);
    }

    @Override
    public String toString() {
        return String.format("TrainingOutcome[accuracy=%.4f, trainingSeconds=%.1f, imagesPerSecond=%.1f, steps=%d, "
                + "stageSeconds=%s]", accuracy, trainingSeconds, imagesPerSecond, steps, stageSeconds);
    }
}
