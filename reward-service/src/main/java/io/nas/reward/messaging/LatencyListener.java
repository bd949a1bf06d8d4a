package io.nas.reward.messaging;

import io.nas.contract.event.LatencyMeasured;
import io.nas.reward.service.TrialJoiner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The device farms' half of each trial, from {@code nas.latency}; a failure goes to the DLQ. */
@ApplicationScoped
public class LatencyListener {

    private final TrialJoiner joiner;

    public LatencyListener(TrialJoiner joiner) {
        this.joiner = joiner;
    }

    @Incoming("latency")
    @Blocking
    public void onLatency(LatencyMeasured half) {
        joiner.acceptLatency(half);
    }
}
