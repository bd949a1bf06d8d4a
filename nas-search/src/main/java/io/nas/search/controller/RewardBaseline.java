package io.nas.search.controller;

import io.nas.search.Observation;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The moving-average reward baseline. Every advantage of a batch uses the baseline from before the batch, so that
 * the batch's samples are judged alike whatever their position; then the baseline moves with the batch's rewards,
 * one by one in seq order ({@code b = decay * b + (1 - decay) * r}). Before the first batch there is no baseline:
 * that batch is judged against its own mean reward, and the average starts from it.
 */
final class RewardBaseline {

    private RewardBaseline() {
    }

    static double beforeBatch(OptionalDouble baseline, List<Observation> batch) {
        return baseline.orElseGet(() -> batch.stream().mapToDouble(Observation::reward).sum() / batch.size());
    }

    static double afterBatch(double before, List<Observation> batch, double decay) {
        double baseline = before;
        for (Observation observation : batch) {
            baseline = decay * baseline + (1.0 - decay) * observation.reward();
        }
        return baseline;
    }
}
