package io.nas.trainer.messaging;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialStatus;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.time.Instant;

/**
 * Answers every proposal on {@code nas.accuracy}. Until the DJL training pipeline lands (issue 3) the answer is an
 * honest {@code REFUSED} naming why, so that no trial waits for a trainer that cannot train.
 */
@ApplicationScoped
public class ProposalListener {

    static final String NOT_YET = "trainer-service cannot train yet: the DJL training pipeline arrives with issue 3";

    private final String trainerId;

    public ProposalListener(@ConfigProperty(name = "nas.trainer.id") String trainerId) {
        this.trainerId = trainerId;
    }

    @Incoming("proposals")
    @Outgoing("accuracy")
    @Blocking
    public Record<String, AccuracyMeasured> answer(Proposal proposal) {
        var answer = new AccuracyMeasured(null, proposal.trialId(), proposal.experimentId(), TrialStatus.REFUSED,
                NOT_YET, null, null, null, null, null, null, trainerId, Instant.now());
        return Record.of(proposal.trialId(), answer);
    }
}
