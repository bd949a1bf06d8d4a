package io.nas.reward.domain;

import io.nas.contract.TrialIds;
import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One trial's two halves, accuracy from a trainer and latency from a device farm, joined once. */
@Entity
@Table(name = "trial_join")
public class TrialJoin extends PanacheEntityBase {

    private static final String UPSERT = "insert into {h-schema}trial_join (trial_id, experiment_id) values (?1, ?2) "
            + "on conflict (trial_id) do nothing";

    @Id
    @Column(name = "trial_id")
    public String trialId;

    @Column(name = "experiment_id", nullable = false)
    public String experimentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "accuracy_status")
    public TrialStatus accuracyStatus;

    @Column(name = "accuracy_reason")
    public String accuracyReason;

    public Double accuracy;

    public Long params;

    public Long madds;

    @Column(name = "training_seconds")
    public Double trainingSeconds;

    @Column(name = "checkpoint_uri")
    public String checkpointUri;

    @Column(name = "trainer_id")
    public String trainerId;

    @Column(name = "accuracy_at")
    public Instant accuracyAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "latency_status")
    public TrialStatus latencyStatus;

    @Column(name = "latency_reason")
    public String latencyReason;

    @Column(name = "device_type")
    public String deviceType;

    @Column(name = "device_id")
    public String deviceId;

    /** The joined half's median latency in milliseconds. */
    @Column(name = "latency_ms")
    public Double latencyMs;

    @Column(name = "latency_at")
    public Instant latencyAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "joined_at")
    public Instant joinedAt;

    /**
     * The trial's row, created if missing and locked until the transaction ends: two halves arriving at once on two
     * threads (or two replicas) take turns, and the second sees what the first wrote.
     */
    public static TrialJoin lock(String trialId, String experimentId) {
        getEntityManager().createNativeQuery(UPSERT)
                .setParameter(1, trialId)
                .setParameter(2, experimentId)
                .executeUpdate();
        return findById(trialId, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean hasAccuracy() {
        return accuracyStatus != null;
    }

    public boolean hasLatency() {
        return latencyStatus != null;
    }

    public void takeAccuracy(AccuracyMeasured half) {
        accuracyStatus = half.status();
        accuracyReason = half.reason();
        accuracy = half.accuracy();
        params = half.params();
        madds = half.madds();
        trainingSeconds = half.trainingSeconds();
        checkpointUri = half.checkpointUri();
        trainerId = half.trainerId();
        accuracyAt = half.at() != null ? half.at() : Instant.now();
    }

    public void takeLatency(LatencyMeasured half) {
        latencyStatus = half.status();
        latencyReason = half.reason();
        deviceType = half.deviceType();
        deviceId = half.deviceId();
        latencyMs = half.p50Ms();
        latencyAt = half.at() != null ? half.at() : Instant.now();
    }

    /**
     * The joined trial: OK when both halves are OK; otherwise REFUSED when either half was refused, else FAILED,
     * with the reasons of both halves. The reward, the Pareto flag, the architecture and the policy version are
     * not known here yet (they come with the reward formula and the policy updates in a later issue).
     */
    public TrialResult toResult(Instant at) {
        TrialStatus status;
        if (accuracyStatus == TrialStatus.OK && latencyStatus == TrialStatus.OK) {
            status = TrialStatus.OK;
        } else if (accuracyStatus == TrialStatus.REFUSED || latencyStatus == TrialStatus.REFUSED) {
            status = TrialStatus.REFUSED;
        } else {
            status = TrialStatus.FAILED;
        }
        List<String> reasons = new ArrayList<>();
        if (accuracyReason != null && !accuracyReason.isBlank()) {
            reasons.add("accuracy: " + accuracyReason);
        }
        if (latencyReason != null && !latencyReason.isBlank()) {
            reasons.add("latency: " + latencyReason);
        }
        return new TrialResult(null, trialId, experimentId, TrialIds.seq(trialId, experimentId), null, status,
                reasons.isEmpty() ? null : String.join("; ", reasons), accuracy, latencyMs, deviceType, deviceId,
                null, params, madds, trainingSeconds, null, checkpointUri, null, null, at);
    }
}
