package io.nas.reward.domain;

import io.nas.contract.event.AccuracyMeasured;
import io.nas.contract.event.Proposal;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One trial as the reward service joins it: the proposal (what was drawn, with which probability), the trainer's
 * accuracy and, from {@link LatencyMeasurement}, the target device's latency; closed once with its result.
 */
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

    public Long seq;

    public String architecture;

    /** The choice indices, comma-separated. */
    @Column(name = "indices")
    public String indicesText;

    @Column(name = "log_probability")
    public Double logProbability;

    @Column(name = "policy_version")
    public Long policyVersion;

    @Column(name = "target_device_type")
    public String targetDeviceType;

    @Column(name = "duplicate_of")
    public String duplicateOf;

    @Column(name = "proposed_at")
    public Instant proposedAt;

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

    /** The target device's median latency in milliseconds. */
    @Column(name = "latency_ms")
    public Double latencyMs;

    @Column(name = "latency_at")
    public Instant latencyAt;

    @Enumerated(EnumType.STRING)
    public TrialStatus status;

    public String reason;

    public Double reward;

    public Boolean counted;

    public Boolean pareto;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** Set in the transaction that wrote the trial's result to the outbox: a trial is closed once. */
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

    /** The experiment's trials still open, oldest first. */
    public static List<TrialJoin> open(String experimentId) {
        return list("experimentId = ?1 and joinedAt is null order by seq nulls last, trialId", experimentId);
    }

    /** The open duplicates of a trial, waiting for its result. */
    public static List<TrialJoin> openDuplicatesOf(String trialId) {
        return list("duplicateOf = ?1 and joinedAt is null order by seq", trialId);
    }

    /** The closed trials of seq {@code from..to}, in seq order. */
    public static List<TrialJoin> closedBetween(String experimentId, long from, long to) {
        return list("experimentId = ?1 and seq between ?2 and ?3 and joinedAt is not null order by seq",
                experimentId, from, to);
    }

    public static List<TrialJoin> closed(String experimentId) {
        return list("experimentId = ?1 and joinedAt is not null order by seq", experimentId);
    }

    public boolean hasProposal() {
        return seq != null;
    }

    public boolean hasAccuracy() {
        return accuracyStatus != null;
    }

    public boolean isClosed() {
        return joinedAt != null;
    }

    public List<Integer> indices() {
        if (indicesText == null || indicesText.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(indicesText.split(",")).map(Integer::valueOf).toList();
    }

    public void takeProposal(Proposal proposal) {
        seq = proposal.seq();
        architecture = proposal.architecture();
        indicesText = proposal.indices().stream().map(String::valueOf).collect(Collectors.joining(","));
        logProbability = proposal.logProbability();
        policyVersion = proposal.policyVersion();
        targetDeviceType = proposal.deviceTypes().get(0);
        duplicateOf = proposal.duplicateOf();
        proposedAt = proposal.createdAt() != null ? proposal.createdAt() : Instant.now();
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

    public void takeLatency(String type, LatencyMeasurement.Half half) {
        latencyStatus = half.status();
        latencyReason = half.reason();
        deviceType = type;
        deviceId = half.deviceId();
        latencyMs = half.p50Ms();
        latencyAt = Instant.now();
    }

    /** Takes what a duplicate shares with the trial it repeats; it cost no training time. */
    public void takeOriginal(TrialJoin original) {
        accuracyStatus = original.accuracyStatus;
        accuracyReason = original.accuracyReason;
        accuracy = original.accuracy;
        params = original.params;
        madds = original.madds;
        trainingSeconds = 0.0;
        checkpointUri = original.checkpointUri;
        latencyStatus = original.latencyStatus;
        latencyReason = original.latencyReason;
        deviceType = original.deviceType;
        deviceId = original.deviceId;
        latencyMs = original.latencyMs;
    }

    /** The status both halves give: OK when both are OK, REFUSED when either was refused, else FAILED. */
    public TrialStatus halvesStatus() {
        if (accuracyStatus == TrialStatus.OK && latencyStatus == TrialStatus.OK) {
            return TrialStatus.OK;
        }
        if (accuracyStatus == TrialStatus.REFUSED || latencyStatus == TrialStatus.REFUSED) {
            return TrialStatus.REFUSED;
        }
        return TrialStatus.FAILED;
    }

    /** The reasons the halves gave, or null. */
    public String halvesReason() {
        StringBuilder reasons = new StringBuilder();
        if (accuracyReason != null && !accuracyReason.isBlank()) {
            reasons.append("accuracy: ").append(accuracyReason);
        }
        if (latencyReason != null && !latencyReason.isBlank()) {
            reasons.append(reasons.isEmpty() ? "" : "; ").append("latency: ").append(latencyReason);
        }
        return reasons.isEmpty() ? null : reasons.toString();
    }

    public void close(TrialStatus status, String reason, double reward, boolean counted, boolean pareto) {
        this.status = status;
        this.reason = reason;
        this.reward = reward;
        this.counted = counted;
        this.pareto = pareto;
        this.joinedAt = Instant.now();
    }

    /** The record published on nas.results. */
    public TrialResult toResult() {
        return new TrialResult(null, trialId, experimentId, seq, architecture, status, reason,
                accuracy, latencyMs, deviceType, deviceId, reward, params, madds, trainingSeconds, pareto, checkpointUri, policyVersion,
                duplicateOf, joinedAt, counted, hasProposal() ? indices() : null);
    }
}
