package io.nas.sampler.domain;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.EventJson;
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

/** An experiment and its progress: how many trials were proposed and how many answered. */
@Entity
@Table(name = "experiment")
public class Experiment extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    /** The spec as JSON, exactly as published on {@code nas.experiments}. */
    @Column(nullable = false)
    public String spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExperimentState state;

    @Column(name = "max_trials", nullable = false)
    public int maxTrials;

    @Column(name = "max_in_flight", nullable = false)
    public int maxInFlight;

    @Column(nullable = false)
    public long seed;

    public int proposed;

    /** Trials answered OK. */
    public int completed;

    /** Trials answered FAILED or REFUSED: they spent their share of the budget too. */
    public int failed;

    @Column(name = "policy_version")
    public long policyVersion;

    @Column(name = "policy_strategy")
    public String policyStrategy;

    @Column(name = "policy_parameters")
    public String policyParameters;

    @Column(name = "policy_parameters_uri")
    public String policyParametersUri;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The experiment, locked until the transaction ends, so concurrent results of one experiment serialize. */
    public static Optional<Experiment> lock(String id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public ExperimentSpec experimentSpec() {
        return EventJson.read(spec, ExperimentSpec.class);
    }

    public int answered() {
        return completed + failed;
    }

    public int inFlight() {
        return proposed - answered();
    }
}
