package io.nas.trainer.messaging;

import io.nas.contract.event.Proposal;
import io.nas.trainer.service.TrialService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The trainer's work queue: one proposal at a time (ordered blocking, see application.properties for the consumer
 * settings), acknowledged once its answer is published. A record that cannot be read, or whose answer cannot be
 * published, goes to the DLQ.
 */
@ApplicationScoped
public class ProposalListener {

    private final TrialService trials;

    public ProposalListener(TrialService trials) {
        this.trials = trials;
    }

    @Incoming("proposals")
    @Blocking(ordered = true)
    public void train(Proposal proposal) throws Exception {
        trials.answer(proposal);
    }
}
