package io.nas.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code nas.results}, public, keyed by trial id: the joined trial as other systems consume it. Accuracy a
 * fraction, latency in milliseconds on {@code deviceType} (the experiment's target), training in seconds;
 * {@code pareto} marks a trial on the experiment's accuracy/latency front when it was published; {@code duplicateOf}
 * names the earlier trial of the same architecture, if any. {@code counted} is false for a trial whose training time
 * pushed the experiment over its training-seconds budget: reported, but not an answer of the search.
 * {@code indices} are the architecture's choice indices in the experiment's space.
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
        Instant at,
        Boolean counted,
        List<Integer> indices) {

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
        indices = indices == null ? null : List.copyOf(indices);
    }
}
