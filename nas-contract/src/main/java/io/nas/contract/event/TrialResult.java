package io.nas.contract.event;

import java.time.Instant;

/**
 * {@code nas.results}, public, keyed by trial id: the joined trial as other systems consume it. Accuracy a
 * fraction, latency in milliseconds on {@code deviceType}, training in seconds; {@code pareto} marks a trial on the
 * experiment's accuracy/latency front when it was published; {@code duplicateOf} names the earlier trial of the
 * same architecture, if any.
 */
public record TrialResult(
        Integer schemaVersion,
        String trialId,
        String experimentId,
        Long seq,
        String architecture,
        TrialStatus status,
        String reason,
        Double accuracy,
        Double latencyMs,
        String deviceType,
        String deviceId,
        Double reward,
        Long params,
        Long madds,
        Double trainingSeconds,
        Boolean pareto,
        String checkpointUri,
        Long policyVersion,
        String duplicateOf,
        Instant at) {

    public TrialResult {
        schemaVersion = Events.schemaVersion(schemaVersion);
        Events.requireTrialOf(trialId, experimentId);
        Events.require(status, "status");
        if (status != TrialStatus.OK) {
            Events.requireText(reason, "reason");
        }
        Events.requireFraction(accuracy, "accuracy");
        Events.requireNonNegative(latencyMs, "latencyMs");
        Events.requireNonNegative(trainingSeconds, "trainingSeconds");
    }
}
