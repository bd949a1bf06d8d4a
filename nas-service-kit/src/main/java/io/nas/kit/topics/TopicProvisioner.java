package io.nas.kit.topics;

import io.nas.contract.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics this service produces (and the DLQs of those it consumes) before messaging starts, because
 * brokers run with {@code auto.create.topics.enable=false}. Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final TopicsConfig config;
    private final Map<String, Object> kafkaConfig;

    @Inject
    public TopicProvisioner(TopicsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        provision();
    }

    /** The topics this service owns: what it produces plus the DLQs of what it consumes. */
    public Set<String> ownedTopics() {
        Set<String> names = new LinkedHashSet<>(config.produced());
        config.consumed().orElse(List.of()).forEach(topic -> names.add(Topics.dlq(topic)));
        return names;
    }

    public void provision() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : ownedTopics()) {
            NewTopic topic = new NewTopic(name, config.partitions(), config.replicationFactor());
            if (config.compacted().contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        }
        try (Admin admin = Admin.create(AdminSettings.of(kafkaConfig, config.timeout()))) {
            var result = admin.createTopics(topics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    LOG.infof("Created topic %s", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey() + " on "
                                + kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer within " + config.timeout() + "; is it running? (set KAFKA_BOOTSTRAP_SERVERS)", e);
        }
    }
}
