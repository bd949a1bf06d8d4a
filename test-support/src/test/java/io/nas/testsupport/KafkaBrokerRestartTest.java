package io.nas.testsupport;

import io.nas.launcher.FreePort;
import io.nas.launcher.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker with its own work directory, as the local launcher runs one: its data outlives a restart. */
class KafkaBrokerRestartTest {

    @Test
    void topicsAndRecordsSurviveARestartOnTheSameWorkDirectory(@TempDir Path workDir) {
        try (KafkaBroker broker = KafkaBroker.start(workDir, FreePort.pick(), FreePort.pick());
             KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            broker.createTopics(List.of("nas.experiments"), 1);
            client.produce("nas.experiments", "e-1", "{\"state\":\"RUNNING\"}");
        }
        assertThat(workDir.resolve("data/meta.properties")).exists();

        try (KafkaBroker broker = KafkaBroker.start(workDir, FreePort.pick(), FreePort.pick());
             KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            assertThat(broker.topics()).contains("nas.experiments");
            assertThat(client.awaitRecords("nas.experiments", 1, Duration.ofSeconds(20)))
                    .extracting(record -> record.key()).containsExactly("e-1");
            assertThat(broker.logFile()).isEqualTo(workDir.resolve("kafka.log"));
        }
        assertThat(workDir).exists();
    }
}
