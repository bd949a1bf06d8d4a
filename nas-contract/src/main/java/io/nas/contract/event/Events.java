package io.nas.contract.event;

import io.nas.contract.TrialIds;

/** Checks shared by the event records' constructors: a record that breaks one is refused while it is read. */
final class Events {

    /** Version written into every event this build produces. */
    static final int SCHEMA_VERSION = 1;

    private Events() {
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, "is required");
        }
        return value;
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(field, "is required");
        }
        return value;
    }

    static Double requireFraction(Double value, String field) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new InvalidEventException(field, "must be a fraction in [0, 1], was " + value);
        }
        return value;
    }

    static Double requireNonNegative(Double value, String field) {
        if (value != null && !(value >= 0.0)) {
            throw new InvalidEventException(field, "must be >= 0, was " + value);
        }
        return value;
    }

    static Long requireNonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new InvalidEventException(field, "must be >= 0, was " + value);
        }
        return value;
    }

    static int schemaVersion(Integer value) {
        if (value == null) {
            return SCHEMA_VERSION;
        }
        if (value < 1) {
            throw new InvalidEventException("schemaVersion", "must be >= 1, was " + value);
        }
        return value;
    }

    /** The experiment id is the trial id up to its last '-': trial ids are {experimentId}-{seq}. */
    static void requireTrialOf(String trialId, String experimentId) {
        requireText(trialId, "trialId");
        requireText(experimentId, "experimentId");
        if (TrialIds.seq(trialId, experimentId) < 1) {
            throw new InvalidEventException("trialId",
                    "must be {experimentId}-{seq} with seq >= 1, was '" + trialId + "' for experiment '" + experimentId + "'");
        }
    }
}
