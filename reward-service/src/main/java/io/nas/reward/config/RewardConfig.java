package io.nas.reward.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code nas.reward.*}: how long a trial may wait for its halves, and how often waiting trials are looked at. */
@ConfigMapping(prefix = "nas.reward")
public interface RewardConfig {

    /**
     * A trial still missing its proposal, accuracy or target latency this long after its first record is closed as
     * FAILED, naming what is missing, so the search never waits on a lost trainer or device forever.
     */
    @WithDefault("2h")
    Duration joinTimeout();

    /** How often the {@code JoinSweeper} looks at waiting trials (its schedule reads this key). */
    @WithDefault("5s")
    Duration sweepInterval();
}
