package io.nas.sampler.domain;

import io.nas.contract.event.TrialStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A result already counted (debezium-outbox style idempotent consumer), written with the count it caused, and what
 * it said: evolution's history and the status page's best trial are read from these rows.
 */
@Entity
@Table(name = "processed_trial")
public class ProcessedTrial extends PanacheEntityBase {

    @Id
    @Column(name = "trial_id")
    public String trialId;

    @Column(name = "experiment_id", nullable = false)
    public String experimentId;

    @Column(nullable = false)
    public long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TrialStatus status;

    /** The trial repeated an earlier architecture: it cost no training seconds. */
    @Column(nullable = false)
    public boolean duplicate;

    /** False when the trial's training time pushed the experiment over its budget: reported, not an answer. */
    @Column(nullable = false)
    public boolean counted;

    public Double reward;

    public Double accuracy;

    @Column(name = "latency_ms")
    public Double latencyMs;

    /** As reported, or 0 for a duplicate. */
    @Column(name = "training_seconds")
    public Double trainingSeconds;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    /** Every result of the experiment in seq order. */
    public static List<ProcessedTrial> bySeq(String experimentId) {
        return list("experimentId = ?1 order by seq", experimentId);
    }

    /**
     * The counted OK result with the highest reward (ties: the earlier trial); with {@code withinLatencyMs} only
     * among those whose latency is at most that.
     */
    public static Optional<ProcessedTrial> best(String experimentId, Double withinLatencyMs) {
        String query = "experimentId = ?1 and status = ?2 and counted = true and reward is not null";
        if (withinLatencyMs == null) {
            return find(query + " order by reward desc, seq", experimentId, TrialStatus.OK).firstResultOptional();
        }
        return find(query + " and latencyMs <= ?3 order by reward desc, seq", experimentId, TrialStatus.OK,
                withinLatencyMs).firstResultOptional();
    }
}
