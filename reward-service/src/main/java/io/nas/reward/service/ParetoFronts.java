package io.nas.reward.service;

import io.nas.reward.domain.ParetoFrontRecord;
import io.nas.search.reward.ParetoFront;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps each experiment's accuracy/latency front per device type; callers hold the experiment's lock. */
@ApplicationScoped
public class ParetoFronts {

    /** Offers a trial's point; answers whether it is on the front now. */
    public boolean offer(String experimentId, String deviceType, String trialId, double accuracy, double latencyMs) {
        ParetoFrontRecord record = ParetoFrontRecord.of(experimentId, deviceType);
        ParetoFront front = record.front();
        boolean onFront = front.offer(new ParetoFront.Point(trialId, accuracy, latencyMs));
        if (onFront) {
            record.store(front);
        }
        return onFront;
    }

    public boolean contains(String experimentId, String deviceType, String trialId) {
        return ParetoFrontRecord.of(experimentId, deviceType).front().points().stream()
                .anyMatch(point -> point.trialId().equals(trialId));
    }
}
