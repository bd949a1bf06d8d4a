package io.nas.contract.event;

/** Lifecycle of an experiment as published on {@code nas.experiments}. */
public enum ExperimentState {
    RUNNING,
    STOPPED,
    DONE
}
