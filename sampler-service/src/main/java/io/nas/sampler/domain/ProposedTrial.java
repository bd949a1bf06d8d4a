package io.nas.sampler.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A trial proposed: the architecture drawn, the policy version and log-probability, and the trial it repeats. */
@Entity
@Table(name = "proposal")
public class ProposedTrial extends PanacheEntityBase {

    @Id
    @Column(name = "trial_id")
    public String trialId;

    @Column(name = "experiment_id", nullable = false)
    public String experimentId;

    @Column(nullable = false)
    public long seq;

    /** Canonical text form in the experiment's space: equal strings are equal architectures. */
    @Column(nullable = false)
    public String architecture;

    /** Choice indices, comma-separated. */
    @Column(nullable = false)
    public String indices;

    @Column(name = "policy_version", nullable = false)
    public long policyVersion;

    @Column(name = "log_probability", nullable = false)
    public double logProbability;

    /** The first trial of the same architecture in this experiment; null when this is the first. */
    @Column(name = "duplicate_of")
    public String duplicateOf;

    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;

    /** The nas.proposals partition it was sent to when a trainer was chosen for it; null: partitioned by key. */
    @Column(name = "dispatch_partition")
    public Integer dispatchPartition;

    /** Its result was counted. */
    @Column(nullable = false)
    public boolean answered;

    /** Trials sent to a chosen partition and not answered yet, per partition, across all experiments. */
    public static Map<Integer, Long> inFlightByPartition() {
        Map<Integer, Long> counts = new HashMap<>();
        getEntityManager().createQuery("select p.dispatchPartition, count(p) from ProposedTrial p "
                        + "where p.answered = false and p.dispatchPartition is not null group by p.dispatchPartition",
                Object[].class).getResultList().forEach(row -> counts.put((Integer) row[0], (Long) row[1]));
        return counts;
    }

    /** The first trial of the experiment that proposed this architecture, if any did. */
    public static Optional<ProposedTrial> firstOf(String experimentId, String architecture) {
        return find("experimentId = ?1 and architecture = ?2 and duplicateOf is null", experimentId, architecture)
                .firstResultOptional();
    }

    public List<Integer> indexList() {
        return Arrays.stream(indices.split(",")).map(Integer::valueOf).toList();
    }

    public static String joined(List<Integer> indices) {
        return indices.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
