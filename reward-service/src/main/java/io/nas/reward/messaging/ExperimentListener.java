package io.nas.reward.messaging;

import io.nas.contract.event.ExperimentUpdate;
import io.nas.reward.service.TrialJoiner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The experiments as the sampler announces them on {@code nas.experiments}: target, reward and strategy. */
@ApplicationScoped
public class ExperimentListener {

    private final TrialJoiner joiner;

    public ExperimentListener(TrialJoiner joiner) {
        this.joiner = joiner;
    }

    @Incoming("experiments")
    @Blocking
    public void onExperiment(ExperimentUpdate update) {
        joiner.acceptExperiment(update);
    }
}
