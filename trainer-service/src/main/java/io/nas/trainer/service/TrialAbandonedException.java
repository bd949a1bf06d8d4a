package io.nas.trainer.service;

/**
 * The training stopped at a stage boundary before its end: the experiment was stopped, or this replica lost the
 * trial's lease to a peer (then {@code leaseLost} and the peer answers, not this replica).
 */
public class TrialAbandonedException extends Exception {

    private final boolean leaseLost;

    public TrialAbandonedException(String reason, boolean leaseLost) {
        super(reason);
        this.leaseLost = leaseLost;
    }

    public boolean leaseLost() {
        return leaseLost;
    }
}
