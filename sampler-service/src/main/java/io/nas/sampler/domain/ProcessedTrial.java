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

/** A result already counted (debezium-outbox style idempotent consumer): written with the count it caused. */
@Entity
@Table(name = "processed_trial")
public class ProcessedTrial extends PanacheEntityBase {

    @Id
    @Column(name = "trial_id")
    public String trialId;

    @Column(name = "experiment_id", nullable = false)
    public String experimentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TrialStatus status;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    public static ProcessedTrial of(String trialId, String experimentId, TrialStatus status) {
        ProcessedTrial processed = new ProcessedTrial();
        processed.trialId = trialId;
        processed.experimentId = experimentId;
        processed.status = status;
        processed.processedAt = Instant.now();
        return processed;
    }
}
