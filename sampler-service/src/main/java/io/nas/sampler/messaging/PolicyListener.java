package io.nas.sampler.messaging;

import io.nas.contract.event.PolicyPublished;
import io.nas.sampler.service.ExperimentService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the newest policy version of each experiment from {@code nas.policy}; a failure goes to the DLQ. */
@ApplicationScoped
public class PolicyListener {

    private final ExperimentService experiments;

    public PolicyListener(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @Incoming("policy")
    @Blocking
    @Transactional
    public void onPolicy(PolicyPublished policy) {
        experiments.recordPolicy(policy);
    }
}
