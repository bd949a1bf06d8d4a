package io.nas.contract.event;

import java.time.Instant;

/**
 * {@code nas.accuracy}, keyed by trial id: the trainer's half of a trial. {@code accuracy} on the held-out split
 * as a fraction; {@code trainingSeconds} measured (or simulated by the tabular backend); {@code imagesPerSecond}
 * training throughput; {@code checkpointUri} of the final parameters. {@code reason} says why when not OK.
 */
public record AccuracyMeasured(
        Integer schemaVersion,
        String trialId,
        String experimentId,
        TrialStatus status,
        String reason,
        Double accuracy,
        Long params,
        Long madds,
        Double trainingSeconds,
        Double imagesPerSecond,
        String checkpointUri,
        String trainerId,
        Instant at) {

    public AccuracyMeasured {
        schemaVersion = Events.schemaVersion(schemaVersion);
        Events.requireTrialOf(trialId, experimentId);
        Events.require(status, "status");
        if (status == TrialStatus.OK) {
            Events.require(accuracy, "accuracy");
        } else {
            Events.requireText(reason, "reason");
        }
        Events.requireFraction(accuracy, "accuracy");
        Events.requireNonNegative(params, "params");
        Events.requireNonNegative(madds, "madds");
        Events.requireNonNegative(trainingSeconds, "trainingSeconds");
        Events.requireNonNegative(imagesPerSecond, "imagesPerSecond");
    }
}
