package io.nas.sampler.domain;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An experiment and its progress: how many trials were proposed and answered, and the training seconds spent, which
 * is all the search loop needs to decide whether it may propose another trial (DESIGN.md, Budget in simulated time).
 */
@Entity
@Table(name = "experiment")
public class Experiment extends PanacheEntityBase {

    /** Repeats after which a search of mostly repeats counts as converged (see {@link #converged()}). */
    public static final int CONVERGED_DUPLICATES = 100;

    @Id
    public String id;

    public String name;

    /** The spec as JSON, exactly as published on {@code nas.experiments}. */
    @Column(nullable = false)
    public String spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExperimentState state;

    @Column(nullable = false)
    public String strategy;

    /** At most this many trials, duplicates included; null: only the training seconds limit the experiment. */
    @Column(name = "max_trials")
    public Integer maxTrials;

    /** The cap on the sum of the trials' training seconds; null: only the trial count limits the experiment. */
    @Column(name = "max_training_seconds")
    public Double maxTrainingSeconds;

    @Column(name = "max_in_flight", nullable = false)
    public int maxInFlight;

    @Column(nullable = false)
    public long seed;

    public int proposed;

    /** Trials answered OK. */
    public int completed;

    /** Trials answered FAILED or REFUSED: they spent their share of the budget too. */
    public int failed;

    /** Proposals that repeat an earlier architecture of the experiment; they cost no training seconds. */
    public int duplicates;

    @Column(name = "answered_duplicates")
    public int answeredDuplicates;

    /** Training seconds of every result received, duplicates excluded: what the budget is checked against. */
    @Column(name = "training_seconds")
    public double trainingSeconds;

    /** Training seconds of the counted results only: the budget as the search's answer used it. */
    @Column(name = "counted_training_seconds")
    public double countedTrainingSeconds;

    /** Newest policy version received on nas.policy (0: none yet, proposals come from the seed's initial policy). */
    @Column(name = "policy_version")
    public long policyVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The experiment, locked until the transaction ends, so concurrent results of one experiment serialize. */
    public static Optional<Experiment> lock(String id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The newest experiments first. */
    public static List<Experiment> newestFirst(int limit) {
        return Experiment.<Experiment>findAll(Sort.descending("createdAt", "id")).page(0, limit).list();
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

    /** Trials in flight that will be trained, i.e. not duplicates. */
    public int trainedInFlight() {
        return (proposed - duplicates) - (answered() - answeredDuplicates);
    }

    /** Mean training seconds of the results received so far (duplicates excluded); 0 before the first. */
    public double meanTrainingSeconds() {
        int trained = answered() - answeredDuplicates;
        return trained == 0 ? 0.0 : trainingSeconds / trained;
    }

    /** Seconds spent plus the in-flight trials at the mean so far: what the next proposal is weighed against. */
    public double estimatedTrainingSeconds() {
        return trainingSeconds + trainedInFlight() * meanTrainingSeconds();
    }

    /**
     * Whether the budget allows another trial: below the trial cap, below the training-seconds cap, and not
     * {@linkplain #converged() converged}.
     */
    public boolean budgetAllowsMore() {
        if (maxTrials != null && proposed >= maxTrials || converged()) {
            return false;
        }
        return maxTrainingSeconds == null || estimatedTrainingSeconds() < maxTrainingSeconds;
    }

    /**
     * Whether the search has converged: at least {@link #CONVERGED_DUPLICATES} repeats that make up half of its
     * proposals or more. Repeats cost no training time, so a strategy that only proposes known architectures would
     * otherwise never spend a training-seconds budget and never finish.
     */
    public boolean converged() {
        return duplicates >= CONVERGED_DUPLICATES && 2L * duplicates >= proposed;
    }

    /** Whether the next trial may be proposed now. */
    public boolean mayPropose() {
        return state == ExperimentState.RUNNING && inFlight() < maxInFlight && budgetAllowsMore();
    }

    /** Running with nothing in flight and nothing more to propose: the experiment is done. */
    public boolean finished() {
        return state == ExperimentState.RUNNING && inFlight() == 0 && !budgetAllowsMore();
    }
}
