package io.nas.sampler.service;

import io.nas.contract.Topics;
import io.nas.kit.topics.AdminSettings;
import io.nas.sampler.domain.ProposedTrial;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the {@code nas.proposals} partition of each proposal to be trained: a partition of the trainer with the
 * fewest trials in flight. A consumer group hands out partitions, not records, so proposals spread by key leave one
 * trainer with a queue while another idles. The trainer group's assignment is read from the broker every
 * {@code nas.sampler.dispatch.refresh-every}; the trials in flight per partition come from the database, so a
 * restarted sampler counts them too. While no assignment is known (no trainer up yet) proposals go by key.
 */
@ApplicationScoped
public class TrainerDispatch {

    private static final Logger LOG = Logger.getLogger(TrainerDispatch.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final String group;
    private final Map<String, Object> adminSettings;
    /** Each member's partitions of nas.proposals, ascending; members ordered by their first partition. */
    private volatile List<List<Integer>> members = List.of();
    private Admin admin;

    public TrainerDispatch(@ConfigProperty(name = "nas.sampler.dispatch.trainer-group") String group,
                           @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.group = group;
        this.adminSettings = AdminSettings.of(kafkaConfig, ADMIN_TIMEOUT);
    }

    /** The partition for the next trained proposal; empty while no trainer's assignment is known. */
    public Optional<Integer> partition() {
        List<List<Integer>> known = members;
        return known.isEmpty() ? Optional.empty() : Optional.of(leastLoaded(known, ProposedTrial.inFlightByPartition()));
    }

    /** Each trainer's partitions of nas.proposals as last read from the broker. */
    public List<List<Integer>> assignment() {
        return members;
    }

    /** The least-loaded partition of the member with the fewest trials in flight; ties go to the lower partition. */
    static int leastLoaded(List<List<Integer>> members, Map<Integer, Long> inFlight) {
        List<Integer> member = members.stream()
                .min(Comparator.comparingLong(partitions -> partitions.stream()
                        .mapToLong(partition -> inFlight.getOrDefault(partition, 0L)).sum()))
                .orElseThrow();
        return member.stream().min(Comparator.comparingLong(partition -> inFlight.getOrDefault(partition, 0L)))
                .orElseThrow();
    }

    @Scheduled(every = "${nas.sampler.dispatch.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            if (admin == null) {
                admin = Admin.create(adminSettings);
            }
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            update(description.members().stream()
                    .map(member -> member.assignment().topicPartitions().stream()
                            .filter(partition -> partition.topic().equals(Topics.PROPOSALS))
                            .map(TopicPartition::partition).sorted().toList())
                    .filter(partitions -> !partitions.isEmpty())
                    .sorted(Comparator.comparing(partitions -> partitions.get(0)))
                    .toList());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                update(List.of());
            } else {
                LOG.debugf("Trainer group %s not read (%s); keeping its last known assignment", group, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("Trainer group %s not read (%s); keeping its last known assignment", group, e);
        }
    }

    private void update(List<List<Integer>> current) {
        if (!current.equals(members)) {
            LOG.infof("Trainer group %s: %d member(s) on %s partitions %s; proposals go to the least loaded", group,
                    current.size(), Topics.PROPOSALS, current);
            members = current;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
