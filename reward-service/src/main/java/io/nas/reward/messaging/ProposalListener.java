package io.nas.reward.messaging;

import io.nas.contract.event.Proposal;
import io.nas.reward.service.TrialJoiner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The proposal half of each trial, from {@code nas.proposals}: what was drawn and with which probability. */
@ApplicationScoped
public class ProposalListener {

    private final TrialJoiner joiner;

    public ProposalListener(TrialJoiner joiner) {
        this.joiner = joiner;
    }

    @Incoming("proposals")
    @Blocking
    public void onProposal(Proposal proposal) {
        joiner.acceptProposal(proposal);
    }
}
