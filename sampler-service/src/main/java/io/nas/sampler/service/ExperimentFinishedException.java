package io.nas.sampler.service;

import io.nas.contract.event.ExperimentState;

/** A request that needs a running experiment, made on one that is already stopped or done. */
public class ExperimentFinishedException extends IllegalStateException {

    public ExperimentFinishedException(String experimentId, ExperimentState state) {
        super("experiment " + experimentId + " is already " + state + ": only a RUNNING experiment can be stopped");
    }
}
