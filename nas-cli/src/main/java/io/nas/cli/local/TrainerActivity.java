package io.nas.cli.local;

import io.nas.contract.Topics;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.TrainingProgress;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each trainer is doing now, from {@code nas.training.progress}: its trial, stage, image size and the accuracy
 * of its last epoch. Reads the topic without a consumer group, from the end at start-up.
 */
final class TrainerActivity implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, TrainingProgress> latest = new TreeMap<>();

    TrainerActivity(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "nas-local-progress"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRAINING_PROGRESS, Duration.ofSeconds(10))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
    }

    /** Takes what was published since the last call. */
    void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                TrainingProgress progress = EventJson.read(record.value(), TrainingProgress.class);
                if (progress.trainerId() != null) {
                    latest.put(progress.trainerId(), progress);
                }
            } catch (RuntimeException e) {
                // Not ours to judge: the DLQ of whoever consumes the topic takes broken records.
            }
        }
    }

    /** One line per trainer: {@code trainer-1: trial 4 stage 2/3 at 24 px, accuracy 71.2%}. */
    List<String> lines() {
        return latest.entrySet().stream().map(entry -> {
            TrainingProgress p = entry.getValue();
            return String.format(Locale.ROOT, "%s: trial %s stage %d/%d at %d px%s", entry.getKey(),
                    p.trialId().substring(p.experimentId().length() + 1), p.stage(), p.stages() == null ? 0 : p.stages(),
                    p.imageSize() == null ? 0 : p.imageSize(),
                    p.accuracy() == null ? "" : String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * p.accuracy()));
        }).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
