package io.nas.sampler.service;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Checks the fields of a requested experiment that this stage uses and fills their defaults, so that the spec
 * stored and published names everything a rerun needs: the resolved space, {@code maxInFlight} and the seed.
 */
final class ExperimentAdmission {

    /** A spec ready to run and the search space it names. */
    record Admitted(ExperimentSpec spec, SearchSpace space) {
    }

    private ExperimentAdmission() {
    }

    static Admitted admit(ExperimentSpec requested, RandomGenerator seeds) {
        if (requested == null) {
            throw new InvalidExperimentException("body", "must be an ExperimentSpec JSON object");
        }
        if (requested.space() == null) {
            throw new InvalidExperimentException("space", "is required (a preset such as mnasnet-cpu or nb201)");
        }
        SearchSpace space;
        try {
            space = SearchSpaces.of(requested.space());
        } catch (IllegalArgumentException e) {
            throw spaceProblem(e.getMessage());
        }
        if (requested.maxTrials() == null || requested.maxTrials() < 1) {
            throw new InvalidExperimentException("maxTrials", "must be >= 1, was " + requested.maxTrials());
        }
        int maxInFlight = requested.maxInFlight() == null ? 1 : requested.maxInFlight();
        if (maxInFlight < 1) {
            throw new InvalidExperimentException("maxInFlight", "must be >= 1 (default 1), was " + maxInFlight);
        }
        if (requested.targetDeviceType() == null || requested.targetDeviceType().isBlank()) {
            throw new InvalidExperimentException("targetDeviceType", "is required and must not be blank");
        }
        List<String> reportDeviceTypes = new ArrayList<>();
        if (requested.reportDeviceTypes() != null) {
            for (String type : requested.reportDeviceTypes()) {
                if (type == null || type.isBlank()) {
                    throw new InvalidExperimentException("reportDeviceTypes", "must not hold blank device types");
                }
                reportDeviceTypes.add(type);
            }
        }
        if (requested.training() == null) {
            throw new InvalidExperimentException("training", "is required: every proposal carries it to the trainers");
        }
        if (requested.latencyMethod() == LatencyMethod.REPLAYED) {
            throw new InvalidExperimentException("latencyMethod", "must be measured (default) or predicted");
        }
        long seed = requested.seed() != null ? requested.seed() : seeds.nextLong();
        ExperimentSpec spec = new ExperimentSpec(requested.name(), space.spec(), requested.targetDeviceType(),
                requested.targetLatencyMs(), List.copyOf(reportDeviceTypes), requested.constraint(),
                requested.alpha(), requested.beta(), requested.training(), requested.maxTrials(),
                requested.maxTrainingSeconds(), maxInFlight, requested.strategy(), requested.strategySettings(), seed,
                requested.latencyMethod());
        return new Admitted(spec, space);
    }

    /** The contract's messages start with the field they name ("space.preset must be one of ..."); keep it. */
    private static InvalidExperimentException spaceProblem(String message) {
        String text = String.valueOf(message);
        int blank = text.indexOf(' ');
        if (text.startsWith("space") && blank > 0) {
            return new InvalidExperimentException(text.substring(0, blank), text.substring(blank + 1));
        }
        return new InvalidExperimentException("space", "is invalid: " + text);
    }
}
