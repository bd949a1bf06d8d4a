package io.nas.search;

/** The checks settings records share; every message names the field as {@code strategySettings.<key>}. */
final class SettingRules {

    private SettingRules() {
    }

    static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field(key) + " must be >= " + min + ", was " + value);
        }
    }

    static void atMost(String key, long value, long max) {
        if (value > max) {
            throw new IllegalArgumentException(field(key) + " must be <= " + max + ", was " + value);
        }
    }

    /** {@code value} in {@code (low, high]} or {@code [low, high)} or both ends closed, as the flags say. */
    static void within(String key, double value, double low, boolean lowIncluded, double high, boolean highIncluded) {
        boolean above = lowIncluded ? value >= low : value > low;
        boolean below = highIncluded ? value <= high : value < high;
        if (!(above && below && Double.isFinite(value))) {
            throw new IllegalArgumentException(field(key) + " must be in " + (lowIncluded ? "[" : "(") + number(low)
                    + ", " + number(high) + (highIncluded ? "]" : ")") + ", was " + value);
        }
    }

    static void nonNegative(String key, double value) {
        if (!(value >= 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(field(key) + " must be a finite number >= 0, was " + value);
        }
    }

    static String field(String key) {
        return "strategySettings." + key;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
