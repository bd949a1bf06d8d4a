package io.nas.reward.service;

import io.nas.reward.config.RewardConfig;
import io.nas.reward.domain.LatencyMeasurement;
import io.nas.reward.domain.RewardExperiment;
import io.nas.reward.domain.TrialJoin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every few seconds: closes the open trials that became ready without a record to trigger it (a half committed
 * while its experiment was being announced), and closes as FAILED those that waited longer than the join timeout.
 * One experiment per transaction, under its lock like every other change.
 */
@ApplicationScoped
public class JoinSweeper {

    private static final Logger LOG = Logger.getLogger(JoinSweeper.class);
    private static final String WAITING = "select distinct experiment_id from {h-schema}trial_join "
            + "where joined_at is null";

    private final TrialCloser closer;
    private final RewardConfig config;

    public JoinSweeper(TrialCloser closer, RewardConfig config) {
        this.closer = closer;
        this.config = config;
    }

    @Scheduled(every = "${nas.reward.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        List<String> experiments = QuarkusTransaction.requiringNew().call(() -> new ArrayList<String>(
                TrialJoin.getEntityManager().createNativeQuery(WAITING, String.class).getResultList()));
        for (String experimentId : experiments) {
            try {
                QuarkusTransaction.requiringNew().run(() -> sweep(experimentId));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Sweeping the open trials of %s failed; the next sweep retries", experimentId);
            }
        }
    }

    private void sweep(String experimentId) {
        Optional<RewardExperiment> found = RewardExperiment.lock(experimentId);
        if (found.isEmpty()) {
            return;
        }
        RewardExperiment experiment = found.get();
        Instant deadline = Instant.now().minus(config.joinTimeout());
        for (TrialJoin waiting : TrialJoin.open(experimentId)) {
            TrialJoin trial = TrialJoin.lock(waiting.trialId, experimentId);
            if (!closer.closeIfReady(experiment, trial) && trial.createdAt.isBefore(deadline)) {
                closer.closeTimedOut(experiment, trial, missing(trial));
            }
        }
    }

    private String missing(TrialJoin trial) {
        List<String> missing = new ArrayList<>();
        if (!trial.hasProposal()) {
            missing.add("proposal");
        } else if (trial.duplicateOf != null) {
            missing.add("result of " + trial.duplicateOf + ", which it repeats");
        } else {
            if (!trial.hasAccuracy()) {
                missing.add("accuracy from a trainer");
            }
            if (LatencyMeasurement.find(trial.trialId, trial.targetDeviceType).isEmpty()) {
                missing.add("latency from a " + trial.targetDeviceType + " device");
            }
        }
        return "no " + String.join(" and no ", missing) + " within " + config.joinTimeout()
                + " (nas.reward.join-timeout)";
    }
}
