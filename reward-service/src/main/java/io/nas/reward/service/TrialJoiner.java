package io.nas.reward.service;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.ExperimentUpdate;
import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialStatus;
import io.nas.reward.domain.LatencyMeasurement;
import io.nas.reward.domain.RewardExperiment;
import io.nas.reward.domain.TrialJoin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Takes each record a trial waits for (proposal, accuracy, latency of any device type) and the experiment
 * announcements, and closes what became ready. Locks the experiment's row first, then the trial's, everywhere, so
 * halves arriving at once on several threads or replicas take turns; a redelivered record finds its place taken and
 * changes nothing. Records of an experiment not yet announced wait in their rows until it is.
 */
@ApplicationScoped
public class TrialJoiner {

    private final TrialCloser closer;

    public TrialJoiner(TrialCloser closer) {
        this.closer = closer;
    }

    @Transactional
    public void acceptExperiment(ExperimentUpdate update) {
        RewardExperiment experiment = RewardExperiment.upsertAndLock(update.experimentId(), update.spec(),
                update.state());
        for (TrialJoin waiting : TrialJoin.open(experiment.id)) {
            closer.closeIfReady(experiment, TrialJoin.lock(waiting.trialId, experiment.id));
        }
    }

    @Transactional
    public void acceptProposal(Proposal proposal) {
        Optional<RewardExperiment> experiment = RewardExperiment.lock(proposal.experimentId());
        TrialJoin trial = TrialJoin.lock(proposal.trialId(), proposal.experimentId());
        if (!trial.hasProposal()) {
            trial.takeProposal(proposal);
        }
        closeIfReady(experiment, trial);
    }

    @Transactional
    public void acceptAccuracy(AccuracyMeasured half) {
        Optional<RewardExperiment> experiment = RewardExperiment.lock(half.experimentId());
        TrialJoin trial = TrialJoin.lock(half.trialId(), half.experimentId());
        if (!trial.hasAccuracy() && !trial.isClosed()) {
            trial.takeAccuracy(half);
        }
        closeIfReady(experiment, trial);
    }

    @Transactional
    public void acceptLatency(LatencyMeasured half) {
        Optional<RewardExperiment> experiment = RewardExperiment.lock(half.experimentId());
        TrialJoin trial = TrialJoin.lock(half.trialId(), half.experimentId());
        LatencyMeasurement.keep(half);
        if (trial.isClosed()) {
            if (experiment.isPresent() && half.status() == TrialStatus.OK) {
                closer.lateLatency(experiment.get(), trial, half.deviceType(), half.p50Ms());
            }
            return;
        }
        closeIfReady(experiment, trial);
    }

    private void closeIfReady(Optional<RewardExperiment> experiment, TrialJoin trial) {
        if (experiment.isPresent()) {
            closer.closeIfReady(experiment.get(), trial);
        }
    }
}
