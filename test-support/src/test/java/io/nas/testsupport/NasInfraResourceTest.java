package io.nas.testsupport;

import io.nas.launcher.KafkaBroker;
import io.nas.launcher.S3Server;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NasInfraResourceTest {

    @Test
    void pointsAServiceAtTheSharedInfrastructureAndAFreshDatabase() throws Exception {
        NasInfraResource resource = new NasInfraResource();
        resource.init(Map.of(NasInfraResource.DATABASE, "true"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config)
                    .containsEntry("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers())
                    .containsEntry("nas.object-store.endpoint", S3Server.shared().endpoint())
                    .containsEntry("nas.object-store.access-key", S3Server.shared().accessKey())
                    .containsEntry("nas.object-store.secret-key", S3Server.shared().secretKey())
                    .containsEntry("quarkus.datasource.username", "postgres")
                    .containsEntry("quarkus.datasource.password", "");
            assertThat(config.get("nas.object-store.bucket")).matches("nas-test-[0-9a-f]{12}");
            try (Connection connection = new org.postgresql.Driver().connect(
                    config.get("quarkus.datasource.jdbc.url"), props())) {
                assertThat(connection.isValid(1)).isTrue();
            }
        } finally {
            resource.stop();
        }
        assertThatThrownBy(() -> new org.postgresql.Driver().connect(config.get("quarkus.datasource.jdbc.url"), props()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void withoutTheInitArgThereIsNoDatasource() {
        NasInfraResource resource = new NasInfraResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        resource.stop();

        assertThat(config).doesNotContainKey("quarkus.datasource.jdbc.url");
        assertThat(NasInfraResource.serviceConfig(false).get("nas.object-store.bucket"))
                .isNotEqualTo(config.get("nas.object-store.bucket"));
    }

    private static java.util.Properties props() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "");
        return properties;
    }
}
