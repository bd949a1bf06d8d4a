package io.nas.contract.event;

import java.time.Instant;

/**
 * {@code nas.training.progress}, keyed by trial id: published after every epoch and stage. {@code stage} counts
 * from 1 to {@code stages}; {@code imageSize} in pixels; {@code accuracy} a fraction; {@code elapsedSeconds} since
 * the trial started training.
 */
public record TrainingProgress(
        Integer schemaVersion,
        String trialId,
        String experimentId,
        Integer stage,
        Integer stages,
        Integer epoch,
        Integer imageSize,
        Double loss,
        Double accuracy,
        Double elapsedSeconds,
        String trainerId,
        Instant at) {

    public TrainingProgress {
        schemaVersion = Events.schemaVersion(schemaVersion);
        Events.requireTrialOf(trialId, experimentId);
        Events.require(stage, "stage");
        Events.requireFraction(accuracy, "accuracy");
        Events.requireNonNegative(elapsedSeconds, "elapsedSeconds");
    }
}
