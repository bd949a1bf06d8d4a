package io.nas.reward.domain;

import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * An experiment as the reward service knows it from {@code nas.experiments}, with its policy state. Every change to
 * its trials happens under this row's lock, so joins, budgets and policy updates of one experiment serialize.
 */
@Entity
@Table(name = "experiment")
public class RewardExperiment extends PanacheEntityBase {

    private static final String UPSERT = "insert into {h-schema}experiment (id, spec, state, updated_at) "
            + "values (?1, ?2, ?3, now()) on conflict (id) do update set spec = excluded.spec, state = excluded.state, "
            + "updated_at = excluded.updated_at";

    @Id
    public String id;

    @Column(nullable = false)
    public String spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExperimentState state;

    @Column(name = "policy_version", nullable = false)
    public long policyVersion;

    @Column(name = "controller_state")
    public byte[] controllerState;

    @Column(name = "training_seconds_used", nullable = false)
    public double trainingSecondsUsed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Stores the announced spec and state (a redelivery writes the same) and answers the row, locked. */
    public static RewardExperiment upsertAndLock(String id, ExperimentSpec spec, ExperimentState state) {
        getEntityManager().createNativeQuery(UPSERT)
                .setParameter(1, id)
                .setParameter(2, EventJson.write(spec))
                .setParameter(3, state.name())
                .executeUpdate();
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The experiment, locked until the transaction ends; empty while nas.experiments has not announced it. */
    public static Optional<RewardExperiment> lock(String id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public ExperimentSpec experimentSpec() {
        return EventJson.read(spec, ExperimentSpec.class);
    }
}
