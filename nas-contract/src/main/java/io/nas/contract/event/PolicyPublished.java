package io.nas.contract.event;

import java.time.Instant;

/**
 * {@code nas.policy}, compacted, keyed by experiment id: one version of an experiment's policy. Parameters travel
 * inline as base64 up to 256 KB ({@link #MAX_INLINE_BYTES}); larger ones lie in the object store at
 * {@code parametersUri}. Exactly one of the two is set.
 */
public record PolicyPublished(
        Integer schemaVersion,
        String experimentId,
        String strategy,
        Long version,
        String parametersBase64,
        String parametersUri,
        Instant at) {

    public static final int MAX_INLINE_BYTES = 256 * 1024;

    public PolicyPublished {
        schemaVersion = Events.schemaVersion(schemaVersion);
        Events.requireText(experimentId, "experimentId");
        Events.requireText(strategy, "strategy");
        Events.require(version, "version");
        Events.requireNonNegative(version, "version");
        if ((parametersBase64 == null) == (parametersUri == null)) {
            throw new InvalidEventException("parametersBase64", "or parametersUri must be set, not both or neither");
        }
    }
}
