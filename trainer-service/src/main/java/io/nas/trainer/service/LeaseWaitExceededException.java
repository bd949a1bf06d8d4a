package io.nas.trainer.service;

import java.time.Duration;

/** A peer kept renewing a trial's lease for longer than this replica waits: the proposal goes to the DLQ. */
public class LeaseWaitExceededException extends Exception {

    public LeaseWaitExceededException(String trialId, String owner, Duration waited) {
        super("trial " + trialId + " is still leased by live peer " + owner + " after waiting " + waited);
    }
}
