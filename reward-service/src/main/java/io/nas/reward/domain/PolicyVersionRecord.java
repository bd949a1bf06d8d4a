package io.nas.reward.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One published policy version: which trials it learned from and how well they did. */
@Entity
@Table(name = "policy_version")
public class PolicyVersionRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "experiment_id", nullable = false)
    public String experimentId;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String strategy;

    @Column(name = "first_seq", nullable = false)
    public long firstSeq;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "mean_reward", nullable = false)
    public double meanReward;

    @Column(name = "parameters_uri")
    public String parametersUri;

    @Column(name = "parameter_bytes", nullable = false)
    public int parameterBytes;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    public static List<PolicyVersionRecord> ofExperiment(String experimentId) {
        return list("experimentId = ?1 order by version", experimentId);
    }
}
