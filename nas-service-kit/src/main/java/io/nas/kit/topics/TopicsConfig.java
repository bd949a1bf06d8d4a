package io.nas.kit.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Which topics a service creates at start-up, and how (DESIGN.md: each service creates the topics it produces). */
@ConfigMapping(prefix = "nas.topics")
public interface TopicsConfig {

    /** Topics this service publishes to. */
    List<String> produced();

    /** Topics this service consumes; their {@code .dlq} topics are created, since this service writes to them. */
    Optional<List<String>> consumed();

    /** Topics created with {@code cleanup.policy=compact}. */
    @WithDefault("nas.experiments,nas.policy")
    List<String> compacted();

    @WithDefault("3")
    int partitions();

    @WithDefault("1")
    short replicationFactor();

    /** How long start-up waits for the broker before giving up (the orchestrator then restarts the service). */
    @WithDefault("60s")
    Duration timeout();
}
