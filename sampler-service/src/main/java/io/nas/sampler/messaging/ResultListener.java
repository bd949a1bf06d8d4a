package io.nas.sampler.messaging;

import io.nas.contract.event.TrialResult;
import io.nas.sampler.service.ExperimentService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Counts every joined trial result of {@code nas.results} and proposes the next trial; a failure goes to the DLQ. */
@ApplicationScoped
public class ResultListener {

    private final ExperimentService experiments;

    public ResultListener(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @Incoming("results")
    @Blocking
    @Transactional
    public void onResult(TrialResult result) {
        experiments.recordResult(result);
    }
}
