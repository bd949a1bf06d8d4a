package io.nas.trainer.domain;

import java.time.Instant;

/**
 * {@code lease.json}: which trainer trains the trial and until when its claim holds. {@code token} tells one
 * acquisition from another (a restarted replica keeps its owner name); {@code crashes} counts owners that died
 * holding it; a {@code released} lease was given back on purpose and is free.
 */
public record TrialLease(
        String trialId,
        String owner,
        String token,
        Instant acquiredAt,
        Instant expiresAt,
        int crashes,
        boolean released) {

    public boolean heldAt(Instant now) {
        return !released && expiresAt.isAfter(now);
    }

    public TrialLease renewedUntil(Instant expiry) {
        return new TrialLease(trialId, owner, token, acquiredAt, expiry, crashes, false);
    }

    public TrialLease releasedAt(Instant now) {
        return new TrialLease(trialId, owner, token, acquiredAt, now, crashes, true);
    }
}
