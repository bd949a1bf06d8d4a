package io.nas.sampler.domain;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;

import java.time.Instant;

/** What {@code GET /experiments/{id}} answers: the experiment's state, spec and trial counts. */
public record ExperimentView(
        String id,
        String name,
        ExperimentState state,
        int maxTrials,
        int maxInFlight,
        int proposed,
        int completed,
        int failed,
        int inFlight,
        long policyVersion,
        ExperimentSpec spec,
        Instant createdAt,
        Instant updatedAt) {

    public static ExperimentView of(Experiment experiment) {
        return new ExperimentView(experiment.id, experiment.name, experiment.state, experiment.maxTrials,
                experiment.maxInFlight, experiment.proposed, experiment.completed, experiment.failed,
                experiment.inFlight(), experiment.policyVersion, experiment.experimentSpec(), experiment.createdAt,
                experiment.updatedAt);
    }
}
