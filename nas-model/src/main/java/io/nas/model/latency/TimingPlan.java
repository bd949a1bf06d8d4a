package io.nas.model.latency;

/**
 * How long to time a network: warm-up runs until at least {@code minWarmupRuns} and {@code warmupMillis} have passed
 * and the last runs' median has settled (bounded by twice {@code warmupMillis}); then timed runs until the relative
 * standard error of the median falls to {@code targetRelativeError} (after at least {@code minRuns}), or
 * {@code maxRuns} or {@code budgetMillis} is reached, whichever comes first.
 */
public record TimingPlan(int minWarmupRuns, long warmupMillis, int minRuns, int maxRuns, long budgetMillis,
                         double targetRelativeError) {

    public TimingPlan {
        if (minWarmupRuns < 0 || warmupMillis < 0 || minRuns < 1 || maxRuns < minRuns || budgetMillis < 1
                || !(targetRelativeError > 0.0)) {
            throw new IllegalArgumentException("timing plan needs warm-up >= 0, 1 <= minRuns <= maxRuns, a budget "
                    + ">= 1 ms and a target > 0: " + this);
        }
    }

    /**
     * One candidate's measurement: at least 200 runs, then until the p50 is within 0.2% standard error or 2 s have
     * passed (half of them the speed reference's runs). A longer budget did not make repeats agree better here: what
     * is left of their spread comes from the CPU's changes of speed, not from too few runs.
     */
    public static TimingPlan standard() {
        return new TimingPlan(10, 200, 200, 100_000, 2_000, 0.002);
    }

    /** One entry of a lookup table: there are hundreds, each a fraction of a network, so cheaper. */
    public static TimingPlan lookupTable() {
        return new TimingPlan(5, 30, 20, 5_000, 250, 0.01);
    }
}
