package io.nas.cli.local;

import io.nas.cli.CapturedCommand;
import io.nas.contract.Topics;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.launcher.FreePort;
import io.nas.launcher.KafkaBroker;
import io.nas.launcher.S3Server;
import io.nas.model.DjlRuntime;
import io.nas.model.build.Activation;
import io.nas.model.build.NetworkBuilder;
import io.nas.model.data.FashionMnist;
import io.nas.model.data.ProxyTask;
import io.nas.model.train.ProgressiveTrainer;
import io.nas.storage.ObjectStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code ./nas local} end to end with a tiny budget: real broker, S3 server, PostgreSQL, DJL training on
 * Fashion-MNIST and host-cpu latency. Afterwards the broker and the S3 server are started again on the run's data:
 * every trial is on {@code nas.results} once, and the best trial's checkpoint, loaded into a freshly built network,
 * gives the held-out accuracy the trial reported.
 */
class LocalSearchIT {

    private static final int TRIALS = 3;
    private static final int TRAIN_EXAMPLES = 512;
    private static final long SEED = 1;

    @Test
    void aTinyLocalSearchStreamsEveryTrialOnceAndItsBestCheckpointReproducesItsAccuracy(@TempDir Path work)
            throws Exception {
        CapturedCommand nas = CapturedCommand.nas();
        int exit = nas.run("local", "--trials", Integer.toString(TRIALS), "--stages", "1", "--train-examples",
                Integer.toString(TRAIN_EXAMPLES), "--strategy", "random", "--seed", Long.toString(SEED),
                "--work-dir", work.toString());
        assertThat(exit).as(nas.out() + nas.err()).isZero();
        assertThat(nas.out()).contains("Pareto front on host-cpu", "Best trial", "nas local: done in");

        List<TrialResult> results = results(work);
        assertThat(results.stream().collect(Collectors.groupingBy(TrialResult::trialId, Collectors.counting())))
                .hasSize(TRIALS).allSatisfy((trial, copies) -> assertThat(copies).isEqualTo(1L));
        TrialResult best = results.stream().filter(r -> r.status() == TrialStatus.OK)
                .max(Comparator.comparing(TrialResult::reward)).orElseThrow();
        assertThat(nas.out()).contains("Best trial " + best.trialId());

        byte[] parameters = checkpoint(work, best.checkpointUri());
        MnasSearchSpace space = new MnasSearchSpace(SearchSpaceSpec.preset("mnasnet-cpu"));
        MnasArchitecture architecture = (MnasArchitecture) space.parse(best.architecture());
        DjlRuntime.init(1);
        ProxyTask task = ProxyTask.carve(FashionMnist.training(FashionMnist.DEFAULT_DIRECTORY), TRAIN_EXAMPLES, 1000,
                SEED);
        double accuracy = ProgressiveTrainer.heldOutAccuracy(
                NetworkBuilder.build(architecture, space.frame(), Activation.RELU).block(), task, 28, parameters);
        assertThat(accuracy).isCloseTo(best.accuracy(), within(0.005));
    }

    /** nas.results as the run left it, read from its broker started again on the same data. */
    private static List<TrialResult> results(Path work) {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), FreePort.pick(), FreePort.pick());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                     new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TrialResult> results = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    results.add(EventJson.read(record.value(), TrialResult.class));
                }
            }
            return results;
        }
    }

    /** The checkpoint through the S3 API of a server started again on the run's bucket directory. */
    private static byte[] checkpoint(Path work, String uri) throws Exception {
        String prefix = "s3://" + LocalDeployment.BUCKET + "/";
        assertThat(uri).startsWith(prefix);
        try (S3Server s3 = S3Server.start(work.resolve("s3"), FreePort.pick(), "it", "it-secret")) {
            ObjectStore store = new ObjectStore(s3.endpoint(), s3.accessKey(), s3.secretKey(), LocalDeployment.BUCKET,
                    Optional.empty());
            return store.get(uri.substring(prefix.length())).orElseThrow(() -> new AssertionError(uri + " missing"));
        }
    }
}
