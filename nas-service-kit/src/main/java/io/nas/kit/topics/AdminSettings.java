package io.nas.kit.topics;

import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** An admin client's settings taken from the shared Kafka configuration: only the connection ones apply. */
public final class AdminSettings {

    private AdminSettings() {
    }

    /** Address, SASL and TLS of {@code kafkaConfig}, with calls that give up after {@code timeout}. */
    public static Map<String, Object> of(Map<String, Object> kafkaConfig, Duration timeout) {
        Map<String, Object> admin = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        return admin;
    }
}
