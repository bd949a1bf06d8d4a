package io.nas.sampler;

import io.nas.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;

/**
 * Stand-ins for trainer replicas as the broker sees them: members of the trainer consumer group on nas.proposals,
 * each polling on its own thread so it joins and stays. They read nothing for the test; the group's assignment is
 * what the sampler dispatches by.
 */
final class TrainerGroupMembers implements AutoCloseable {

    private final List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReferenceArray<Set<Integer>> assignments;
    private volatile boolean closing;

    TrainerGroupMembers(String bootstrapServers, String group, int count) {
        assignments = new AtomicReferenceArray<>(count);
        for (int i = 0; i < count; i++) {
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                    new StringDeserializer(), new StringDeserializer());
            consumers.add(consumer);
            int member = i;
            Thread thread = new Thread(() -> poll(member, consumer), "trainer-member-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    private void poll(int member, KafkaConsumer<String, String> consumer) {
        try {
            consumer.subscribe(List.of(Topics.PROPOSALS));
            while (!closing) {
                consumer.poll(Duration.ofMillis(100));
                assignments.set(member, consumer.assignment().stream().map(TopicPartition::partition)
                        .collect(Collectors.toUnmodifiableSet()));
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Each member's partitions, null for a member not assigned yet. */
    List<Set<Integer>> assignments() {
        List<Set<Integer>> all = new ArrayList<>();
        for (int i = 0; i < assignments.length(); i++) {
            all.add(assignments.get(i));
        }
        return all;
    }

    /** The member that owns the partition. */
    int ownerOf(int partition) {
        List<Set<Integer>> all = assignments();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) != null && all.get(i).contains(partition)) {
                return i;
            }
        }
        throw new AssertionError("no member owns partition " + partition + ": " + all);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
