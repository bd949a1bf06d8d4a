package io.nas.sampler.service;

/** An event about an experiment this sampler never created: it cannot be applied, so it goes to the DLQ. */
public class UnknownExperimentException extends IllegalArgumentException {

    public UnknownExperimentException(String experimentId) {
        super("experimentId '" + experimentId + "' names no experiment of this sampler");
    }
}
