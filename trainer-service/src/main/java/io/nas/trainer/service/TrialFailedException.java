package io.nas.trainer.service;

/** The training was tried and broke (status {@code FAILED}): NaN loss, out of memory, an engine error. */
public class TrialFailedException extends Exception {

    public TrialFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
