package io.nas.contract.event;

/** Outcome of one half of a trial, or of the joined trial. */
public enum TrialStatus {
    /** Measured as asked. */
    OK,
    /** Tried and broke: NaN loss, out of memory, a device timeout. */
    FAILED,
    /** Not tried because the request itself cannot be served (architecture refused, device type unknown). */
    REFUSED
}
