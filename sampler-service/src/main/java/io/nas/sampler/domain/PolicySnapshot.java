package io.nas.sampler.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The newest policy version received for an experiment, with its parameters as published (fetched from the object
 * store when they came as a URI): a restarted sampler draws from it without asking anyone.
 */
@Entity
@Table(name = "policy_snapshot")
public class PolicySnapshot extends PanacheEntityBase {

    @Id
    @Column(name = "experiment_id")
    public String experimentId;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String strategy;

    /** {@code ControllerState.weights()} as the reward service published them. */
    @Column(nullable = false)
    public byte[] parameters;

    /** Where the parameters came from when they were not inline. */
    @Column(name = "parameters_uri")
    public String parametersUri;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
