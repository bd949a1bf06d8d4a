package io.nas.testsupport;

import io.nas.launcher.KafkaBroker;

import io.nas.contract.event.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** Produces and reads string records for assertions; every read starts at the beginning of the topic. */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_LOOKUP = Duration.ofSeconds(5);
    private static final int SHOWN_RECORDS = 20;

    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;

    /** A client of the JVM's shared broker. */
    public KafkaTestClient() {
        this(KafkaBroker.shared().bootstrapServers());
    }

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends and waits for the broker's acknowledgement by all in-sync replicas. */
    public RecordMetadata produce(String topic, String key, String value) {
        return produce(new ProducerRecord<>(topic, key, value));
    }

    /** Sends {@code event} in the JSON form of {@link EventJson}. */
    public RecordMetadata produce(String topic, String key, Object event) {
        return produce(topic, key, EventJson.write(event));
    }

    /** Into one partition, so tests can rely on the order in which a consumer sees records of different keys. */
    public RecordMetadata produce(String topic, int partition, String key, String value) {
        return produce(new ProducerRecord<>(topic, partition, key, value));
    }

    /** Sends a record as built by the caller, with headers or an explicit partition. */
    public RecordMetadata produce(ProducerRecord<String, String> record) {
        try {
            return producer().send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot produce to " + record.topic() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing to " + record.topic(), e);
        }
    }

    /** All records of the topic from its beginning, once at least {@code count} have arrived. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromBeginning(topic, timeout)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Expected at least " + count + " records on " + topic + " within "
                            + timeout + ", saw " + seen.size() + describe(seen));
                }
                consumer.poll(POLL).forEach(seen::add);
            }
        }
        return seen;
    }

    /** The first record of the topic, from its beginning, that matches. */
    public ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> matcher,
                                                      Duration timeout) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromBeginning(topic, timeout)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() <= deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (matcher.test(record)) {
                        return record;
                    }
                    seen.add(record);
                }
            }
        }
        throw new AssertionError("No matching record on " + topic + " within " + timeout + ", saw " + seen.size()
                + " others" + describe(seen));
    }

    /**
     * The {@code dead-letter-reason} header of the record with this key on {@code topic}'s DLQ; fails when no such
     * record arrives or it carries no reason.
     */
    public String awaitDeadLetterReason(String topic, String key, Duration timeout) {
        String dlq = topic + ".dlq";
        String reason = header(awaitRecord(dlq, record -> key.equals(record.key()), timeout), "dead-letter-reason");
        if (reason == null || reason.isBlank()) {
            throw new AssertionError("The record with key " + key + " on " + dlq + " has no dead-letter-reason header");
        }
        return reason;
    }

    /** The value of the last header called {@code name} as UTF-8, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    // A topic nobody created makes send() fail after this long instead of the default minute.
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /**
     * A consumer assigned every partition of the topic at offset 0. Assignment rather than a subscription: no
     * group, so no rebalance to wait for and no offsets left behind; the topic may appear during the wait.
     */
    private KafkaConsumer<String, String> consumerFromBeginning(String topic, Duration timeout) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "nas-test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            Duration lookup = timeout.compareTo(METADATA_LOOKUP) < 0 ? timeout : METADATA_LOOKUP;
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, lookup);
            while (partitions == null || partitions.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Topic " + topic + " does not exist (waited " + timeout + ")");
                }
                sleep(POLL);
                partitions = consumer.partitionsFor(topic, lookup);
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            return consumer;
        } catch (RuntimeException | AssertionError e) {
            consumer.close();
            throw e;
        }
    }

    private static String describe(List<ConsumerRecord<String, String>> records) {
        StringBuilder text = new StringBuilder();
        records.stream().limit(SHOWN_RECORDS).forEach(record -> text.append("\n  partition ")
                .append(record.partition()).append(" offset ").append(record.offset())
                .append(" key=").append(record.key()).append(" value=").append(record.value()));
        if (records.size() > SHOWN_RECORDS) {
            text.append("\n  ... and ").append(records.size() - SHOWN_RECORDS).append(" more");
        }
        return text.toString();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
