package io.nas.trainer.service;

/** The proposal cannot be served as asked (status {@code REFUSED}); the message is the reason. */
public class TrialRefusedException extends Exception {

    public TrialRefusedException(String reason) {
        super(reason);
    }
}
