package io.nas.model.latency;

/** A device could not measure an architecture; the message is the reason a {@code FAILED} event carries. */
public class ProbeFailedException extends RuntimeException {

    public ProbeFailedException(String reason) {
        super(reason);
    }

    public ProbeFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
