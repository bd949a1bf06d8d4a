package io.nas.reward.messaging;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.reward.service.TrialJoiner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The trainers' half of each trial, from {@code nas.accuracy}; a failure goes to the DLQ. */
@ApplicationScoped
public class AccuracyListener {

    private final TrialJoiner joiner;

    public AccuracyListener(TrialJoiner joiner) {
        this.joiner = joiner;
    }

    @Incoming("accuracy")
    @Blocking
    public void onAccuracy(AccuracyMeasured half) {
        joiner.acceptAccuracy(half);
    }
}
