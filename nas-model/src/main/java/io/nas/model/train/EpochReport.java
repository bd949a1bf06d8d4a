package io.nas.model.train;

/**
 * One finished epoch: stage (0-based) of {@code stages}, epoch within the stage (0-based), the stage's image size,
 * the mean training loss and training accuracy (against the dominant label of mixed examples), the accuracy on the
 * validation split at the final image size, the optimizer steps so far, the seconds spent in training steps so far
 * (evaluation and checkpoints excluded: the figure progressive learning saves; a resumed run includes the seconds
 * its checkpoint recorded) and the wall-clock seconds since this call to {@code train} started (everything
 * included).
 */
public record EpochReport(int stage, int stages, int epoch, int imageSize, double loss, double trainingAccuracy,
                          double accuracy, long steps, double trainingSeconds, double elapsedSeconds) {
}
