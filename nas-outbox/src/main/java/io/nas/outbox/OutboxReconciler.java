package io.nas.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds which outbox rows a previous attempt already put on their topics: every record the relay sends carries the
 * header {@value #HEADER} ({@code {application}:{row id}}), and a row that was sent but never stamped is looked for
 * among the committed records written since its attempt ({@code isolation.level=read_committed}).
 */
@ApplicationScoped
public class OutboxReconciler {

    static final String HEADER = "nas-outbox-id";
    private static final Logger LOG = Logger.getLogger(OutboxReconciler.class);
    /** Record time stamps come from the producer's clock, this process or its predecessor on another host. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final String application;

    public OutboxReconciler(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.kafka = kafka;
        this.application = application;
    }

    String headerValue(long id) {
        return application + ":" + id;
    }

    /** The ids among {@code attempted} whose record is on its topic already. */
    Set<Long> published(List<OutboxRecord> attempted) {
        Set<Long> found = new HashSet<>();
        Map<String, List<OutboxRecord>> byTopic = attempted.stream().collect(Collectors.groupingBy(r -> r.topic));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            for (Map.Entry<String, List<OutboxRecord>> topic : byTopic.entrySet()) {
                Instant since = topic.getValue().stream().map(r -> r.attemptedAt).min(Comparator.naturalOrder())
                        .orElseThrow().minus(CLOCK_SKEW);
                Set<String> wanted = topic.getValue().stream().map(r -> headerValue(r.id)).collect(Collectors.toSet());
                for (String value : headersSince(consumer, topic.getKey(), since)) {
                    if (wanted.contains(value)) {
                        found.add(Long.parseLong(value.substring(value.lastIndexOf(':') + 1)));
                    }
                }
            }
        }
        LOG.infof("Outbox reconciliation: %d of %d rows sent before were already on the broker", found.size(),
                attempted.size());
        return found;
    }

    private List<String> headersSince(KafkaConsumer<byte[], byte[]> consumer, String topic, Instant since) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        partitions.forEach(p -> timestamps.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(timestamps);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        consumer.assign(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            long end = ends.get(partition);
            long from = start == null ? end : start.offset();
            consumer.seek(partition, from);
            if (from < end) {
                remaining.put(partition, end);
            }
        }
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (remaining.keySet().stream().anyMatch(p -> consumer.position(p) < remaining.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + READ_LIMIT);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                Header header = record.headers().lastHeader(HEADER);
                if (header != null) {
                    values.add(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        // The service's Kafka settings (bootstrap servers, security) without the channel-level ones.
        kafka.forEach((key, value) -> {
            if (!key.startsWith("mp.") && !key.contains("serializer") && !key.contains("deserializer")) {
                config.put(key, value);
            }
        });
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }
}
