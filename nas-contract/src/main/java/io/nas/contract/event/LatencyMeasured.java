package io.nas.contract.event;

import java.time.Instant;

/**
 * {@code nas.latency}, keyed by trial id: one device's half of a trial. Latencies in milliseconds at batch 1;
 * {@code runs} is the number of timed runs behind the statistics. {@code reason} says why when not OK.
 */
public record LatencyMeasured(
        Integer schemaVersion,
        String trialId,
        String experimentId,
        TrialStatus status,
        String reason,
        String deviceType,
        String deviceId,
        Double p50Ms,
        Double p90Ms,
        Double meanMs,
        Double stdMs,
        Integer runs,
        LatencyMethod method,
        Instant at) {

    public LatencyMeasured {
        schemaVersion = Events.schemaVersion(schemaVersion);
        Events.requireTrialOf(trialId, experimentId);
        Events.require(status, "status");
        Events.requireText(deviceType, "deviceType");
        if (status == TrialStatus.OK) {
            Events.require(p50Ms, "p50Ms");
            Events.require(method, "method");
        } else {
            Events.requireText(reason, "reason");
        }
        Events.requireNonNegative(p50Ms, "p50Ms");
        Events.requireNonNegative(p90Ms, "p90Ms");
        Events.requireNonNegative(meanMs, "meanMs");
        Events.requireNonNegative(stdMs, "stdMs");
    }
}
