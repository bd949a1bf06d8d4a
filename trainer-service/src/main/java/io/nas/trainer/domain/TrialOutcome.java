package io.nas.trainer.domain;

/**
 * What a backend reports for a trial it trained to the end: held-out accuracy as a fraction, training seconds
 * (measured, or simulated by the tabular backend), training images per second and the final parameters' URI
 * (either of the last two null where a backend has none).
 */
public record TrialOutcome(double accuracy, double trainingSeconds, Double imagesPerSecond, String checkpointUri) {
}
