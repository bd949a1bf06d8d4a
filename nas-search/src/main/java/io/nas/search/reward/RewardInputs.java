package io.nas.search.reward;

/** Checks on reward inputs and settings, with messages naming the value. */
final class RewardInputs {

    private RewardInputs() {
    }

    static void requireAccuracy(double accuracy) {
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            throw new IllegalArgumentException("accuracy must be a fraction in [0, 1], was " + accuracy);
        }
    }

    static void requirePositive(double value, String name) {
        if (!(value > 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
        }
    }

    static void requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }
}
