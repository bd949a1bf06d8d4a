package io.nas.contract.event;

import io.nas.contract.TrialIds;
import io.nas.contract.space.SearchSpaceSpec;

import java.time.Instant;
import java.util.List;

/**
 * {@code nas.proposals}, keyed by trial id: one candidate, self-contained so that trainers and latency farms never
 * need {@code nas.experiments}. {@code indices} are the choice indices of {@code architecture} in {@code space};
 * {@code logProbability} is the natural log of the probability the policy of {@code policyVersion} gave them.
 * {@code latencyMethod} says how the latency farms answer: {@code measured} on the device (the default, when absent)
 * or {@code predicted} from the device's lookup table.
 */
public record Proposal(
        Integer schemaVersion,
        String trialId,
        String experimentId,
        Long seq,
        String architecture,
        List<Integer> indices,
        SearchSpaceSpec space,
        TrainingSpec training,
        Integer inferenceResolution,
        List<String> deviceTypes,
        Long policyVersion,
        Double logProbability,
        String duplicateOf,
        Instant createdAt,
        LatencyMethod latencyMethod) {

    /** A proposal whose latency is measured on the device. */
    public Proposal(Integer schemaVersion, String trialId, String experimentId, Long seq, String architecture,
                    List<Integer> indices, SearchSpaceSpec space, TrainingSpec training, Integer inferenceResolution,
                    List<String> deviceTypes, Long policyVersion, Double logProbability, String duplicateOf,
                    Instant createdAt) {
        this(schemaVersion, trialId, experimentId, seq, architecture, indices, space, training, inferenceResolution,
                deviceTypes, policyVersion, logProbability, duplicateOf, createdAt, null);
    }

    public Proposal {
        schemaVersion = Events.schemaVersion(schemaVersion);
        Events.requireTrialOf(trialId, experimentId);
        Events.require(seq, "seq");
        if (TrialIds.seq(trialId, experimentId) != seq) {
            throw new InvalidEventException("seq", "must be the suffix of trialId '" + trialId + "', was " + seq);
        }
        Events.requireText(architecture, "architecture");
        Events.require(space, "space");
        Events.require(training, "training");
        if (inferenceResolution == null || inferenceResolution < 1) {
            throw new InvalidEventException("inferenceResolution", "must be >= 1, was " + inferenceResolution);
        }
        if (deviceTypes == null || deviceTypes.isEmpty()) {
            throw new InvalidEventException("deviceTypes", "must name at least one device type");
        }
        Events.requireNonNegative(policyVersion, "policyVersion");
        indices = indices == null ? List.of() : List.copyOf(indices);
        deviceTypes = List.copyOf(deviceTypes);
        if (latencyMethod == LatencyMethod.REPLAYED) {
            throw new InvalidEventException("latencyMethod", "must be measured or predicted; replay is a device's choice");
        }
    }

    /** How the latency farms answer this proposal: measured unless the experiment asked for prediction. */
    public LatencyMethod latencyMethodOrDefault() {
        return latencyMethod == null ? LatencyMethod.MEASURED : latencyMethod;
    }
}
