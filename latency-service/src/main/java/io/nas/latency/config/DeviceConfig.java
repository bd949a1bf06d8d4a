package io.nas.latency.config;

import io.smallrye.config.ConfigMapping;

/** The physical device this replica is bound to: its type (which decides the consumer group) and its id. */
@ConfigMapping(prefix = "nas.device")
public interface DeviceConfig {

    String type();

    String id();
}
