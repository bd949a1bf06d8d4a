package io.nas.reward.service;

import io.nas.contract.Topics;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.LatencyMeasured;
import io.nas.outbox.Outbox;
import io.nas.reward.domain.LatencyMeasurement;
import io.nas.reward.domain.TrialJoin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Joins a trial's accuracy and latency halves under the trial row's lock and, once both are there, writes the
 * joined result to the outbox in the same transaction, so a trial joins exactly once however its halves arrive.
 * A redelivered half finds its place taken and changes nothing.
 *
 * <p>Which latency half joins: the proposal's target device type is not known here yet (the reward service does
 * not read nas.proposals or nas.experiments), so the first latency half to arrive joins and later ones, from the
 * reporting device types, are only kept in latency_measurement. Joining on the target device type, the MnasNet
 * reward, the join timeout and the exactly-once outbox come in a later issue.
 */
@ApplicationScoped
public class TrialJoiner {

    private static final Logger LOG = Logger.getLogger(TrialJoiner.class);

    private final Outbox outbox;

    public TrialJoiner(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public void acceptAccuracy(AccuracyMeasured half) {
        TrialJoin join = TrialJoin.lock(half.trialId(), half.experimentId());
        if (join.hasAccuracy()) {
            return;
        }
        join.takeAccuracy(half);
        publishIfJoined(join);
    }

    @Transactional
    public void acceptLatency(LatencyMeasured half) {
        TrialJoin join = TrialJoin.lock(half.trialId(), half.experimentId());
        LatencyMeasurement.keep(half);
        if (join.hasLatency()) {
            return;
        }
        join.takeLatency(half);
        publishIfJoined(join);
    }

    private void publishIfJoined(TrialJoin join) {
        if (join.hasAccuracy() && join.hasLatency() && join.joinedAt == null) {
            join.joinedAt = Instant.now();
            outbox.publish(Topics.RESULTS, join.trialId, join.toResult(join.joinedAt));
            LOG.debugf("Trial %s joined", join.trialId);
        }
    }
}
