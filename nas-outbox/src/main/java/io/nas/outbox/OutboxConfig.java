package io.nas.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay publishes committed events. */
@ConfigMapping(prefix = "nas.outbox")
public interface OutboxConfig {

    /** Pause between sweeps that retry what a crash or a broker outage left unpublished. */
    @WithDefault("2s")
    Duration sweepInterval();

    /** Records sent per round trip. */
    @WithDefault("100")
    int batchSize();

    /** How long a batch waits for the broker's acknowledgement before the sweep gives up and retries later. */
    @WithDefault("30s")
    Duration sendTimeout();
}
