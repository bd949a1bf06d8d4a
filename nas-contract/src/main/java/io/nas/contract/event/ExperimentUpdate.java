package io.nas.contract.event;

import java.time.Instant;

/** {@code nas.experiments}, compacted, keyed by experiment id: the full spec and the experiment's state. */
public record ExperimentUpdate(
        Integer schemaVersion,
        String experimentId,
        ExperimentState state,
        ExperimentSpec spec,
        Instant at) {

    public ExperimentUpdate {
        schemaVersion = Events.schemaVersion(schemaVersion);
        Events.requireText(experimentId, "experimentId");
        Events.require(state, "state");
        Events.require(spec, "spec");
    }
}
