package io.nas.testsupport;

import io.nas.launcher.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static KafkaBroker broker;
    private static KafkaTestClient client;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.shared();
        client = new KafkaTestClient(broker.bootstrapServers());
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void sharedBrokerIsStartedOncePerJvm() {
        assertThat(KafkaBroker.shared()).isSameAs(broker);
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(broker.isAlive()).isTrue();
    }

    @Test
    void producedRecordsAreReadFromTheBeginning() {
        String topic = uniqueTopic();
        broker.createTopics(List.of(topic), 2);
        broker.createTopics(List.of(topic), 2);
        assertThat(broker.topics()).contains(topic);

        client.produce(topic, "k1", "plain");
        client.produce(topic, "k2", Map.of("trialId", "t-7", "accuracy", 0.5));
        ProducerRecord<String, String> withHeader = new ProducerRecord<>(topic, "k3", "v3");
        withHeader.headers().add("dead-letter-reason", "bad".getBytes(StandardCharsets.UTF_8));
        client.produce(withHeader);

        List<ConsumerRecord<String, String>> records = client.awaitRecords(topic, 3, WAIT);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k1", "k2", "k3");

        ConsumerRecord<String, String> json = client.awaitRecord(topic, r -> "k2".equals(r.key()), WAIT);
        assertThat(json.value()).contains("\"trialId\":\"t-7\"").contains("\"accuracy\":0.5");
        ConsumerRecord<String, String> headed = client.awaitRecord(topic, r -> "k3".equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(headed, "dead-letter-reason")).isEqualTo("bad");
        assertThat(KafkaTestClient.header(headed, "absent")).isNull();
    }

    @Test
    void waitingForMoreRecordsThanArriveFailsWithWhatWasSeen() {
        String topic = uniqueTopic();
        broker.createTopics(List.of(topic), 1);
        client.produce(topic, "only", "one");

        assertThatThrownBy(() -> client.awaitRecords(topic, 2, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("saw 1")
                .hasMessageContaining("key=only value=one");
    }

    @Test
    void topicsAreNotCreatedByProducing() {
        String topic = uniqueTopic();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500), new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("not present in metadata");
        }
        assertThat(broker.topics()).doesNotContain(topic);
    }

    private static String uniqueTopic() {
        return "test." + UUID.randomUUID();
    }
}
