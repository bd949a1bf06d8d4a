package io.nas.latency;

import io.nas.contract.Topics;
import io.nas.contract.TrialIds;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialStatus;
import io.nas.launcher.KafkaBroker;
import io.nas.launcher.ServiceProcess;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.SharedBench;
import io.nas.testsupport.TestProposals;
import io.nas.testsupport.TopicSnapshot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged latency service as real processes on one broker: two host-cpu devices share one experiment's MnasNet
 * proposals while a replayed pixel3 farm answers another experiment's NAS-Bench-201 cells at the same time; then one
 * host-cpu device is SIGKILLed and its partitions, with the proposals that arrive on them, move to its peer.
 */
class LatencyProcessIT {

    private static final int PARTITIONS = 4;
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration ANSWERS = Duration.ofSeconds(150);

    @Test
    void twoHostCpuDevicesShareTheWorkAReplayFarmAnswersCellsAndAKilledDevicesShareMovesToItsPeer()
            throws Exception {
        KafkaBroker.shared().createTopics(List.of(Topics.PROPOSALS), PARTITIONS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> infra = NasInfraResource.serviceConfig(NasInfraResource.newBucketName(), null);
        Map<String, Double> recorded = recordedPixel3(8);
        try (var hostA = hostCpu(infra, run, "host-a");
             var hostB = hostCpu(infra, run, "host-b");
             var pixel = ServiceProcess.builder("latency-service").config(infra)
                     .jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                     .config("nas.device.type", "pixel3")
                     .config("nas.device.id", "pixel-farm-1")
                     .config("nas.device.probe", "replay")
                     .config("nas.device.replay.file", SharedBench.nb201SearchCsv().toString())
                     .config("nas.device.replay.column", "pixel3_ms")
                     .config("mp.messaging.incoming.proposals.group.id", "nas-latency-pixel3-" + run)
                     .config("mp.messaging.incoming.proposals.session.timeout.ms", "8000")
                     .build();
             var kafka = new KafkaTestClient()) {
            hostA.start();
            hostB.start();
            pixel.start();
            hostA.awaitReady(START);
            hostB.awaitReady(START);
            pixel.awaitReady(START);

            String mnas = "exp-mnas-" + run;
            String cells = "exp-cells-" + run;
            List<String> cellArchitectures = new ArrayList<>(recorded.keySet());
            for (int seq = 1; seq <= 12; seq++) {
                produce(kafka, seq, TestProposals.proposal(mnas, seq, List.of("host-cpu")));
                if (seq <= cellArchitectures.size()) {
                    produce(kafka, seq, LatencyServiceTest.cellProposal(cells, seq, cellArchitectures.get(seq - 1),
                            List.of("pixel3")));
                }
            }

            Map<String, List<LatencyMeasured>> firstRound = awaitAnswers(mnas, 12);
            // Delivery is at least once: a rebalance while the second device joins may hand a proposal back before
            // its offset was committed. It is then answered again from the stored measurement, the same answer.
            assertThat(firstRound.values()).allSatisfy(answers -> assertThat(Set.copyOf(answers)).hasSize(1));
            List<LatencyMeasured> measured = firstRound.values().stream().map(answers -> answers.get(0)).toList();
            assertThat(measured).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(TrialStatus.OK);
                assertThat(answer.method()).isEqualTo(LatencyMethod.MEASURED);
                assertThat(answer.deviceType()).isEqualTo("host-cpu");
                assertThat(answer.p50Ms()).isPositive();
            });
            assertThat(measured).extracting(LatencyMeasured::deviceId).contains("host-a", "host-b");

            Map<String, List<LatencyMeasured>> replayed = awaitAnswers(cells, recorded.size());
            for (int seq = 1; seq <= cellArchitectures.size(); seq++) {
                List<LatencyMeasured> answers = replayed.get(TrialIds.of(cells, seq));
                assertThat(Set.copyOf(answers)).hasSize(1);
                LatencyMeasured answer = answers.get(0);
                assertThat(answer.status()).isEqualTo(TrialStatus.OK);
                assertThat(answer.method()).isEqualTo(LatencyMethod.REPLAYED);
                assertThat(answer.deviceType()).isEqualTo("pixel3");
                assertThat(answer.deviceId()).isEqualTo("pixel-farm-1");
                assertThat(answer.p50Ms()).isEqualTo(recorded.get(cellArchitectures.get(seq - 1)));
            }

            hostA.kill();
            assertThat(hostA.exitCode()).isEqualTo(137);
            for (int seq = 13; seq <= 20; seq++) {
                produce(kafka, seq, TestProposals.proposal(mnas, seq, List.of("host-cpu")));
            }
            Map<String, List<LatencyMeasured>> all = awaitAnswers(mnas, 20);
            for (int seq = 13; seq <= 20; seq++) {
                List<LatencyMeasured> answers = all.get(TrialIds.of(mnas, seq));
                assertThat(Set.copyOf(answers)).hasSize(1);
                assertThat(answers.get(0).deviceId()).isEqualTo("host-b");
                assertThat(answers.get(0).status()).isEqualTo(TrialStatus.OK);
            }
            // An earlier proposal host-a answered but had not committed comes back to host-b: answered from the
            // stored measurement, so every answer of a trial is the same answer.
            assertThat(all.values()).allSatisfy(answers -> assertThat(Set.copyOf(answers)).hasSize(1));
        }
    }

    @Test
    void aDeviceThatKeepsFailingAnswersFailedThenTurnsNotReadyAndLeavesItsGroup() throws Exception {
        KafkaBroker.shared().createTopics(List.of(Topics.PROPOSALS), PARTITIONS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String experiment = "exp-broken-" + run;
        // Only this test's proposals: the shared broker still holds the other test's host-cpu work.
        KafkaBroker.shared().startGroupAtEnd("nas-latency-host-cpu-" + run, Topics.PROPOSALS);
        try (var broken = ServiceProcess.builder("latency-service")
                .config(NasInfraResource.serviceConfig(NasInfraResource.newBucketName(), null))
                .jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                .config("nas.device.id", "host-broken")
                // No real measurement fits in a millisecond: every one times out.
                .config("nas.device.timeout", "1ms")
                .config("nas.device.max-consecutive-failures", "2")
                .config("mp.messaging.incoming.proposals.group.id", "nas-latency-host-cpu-" + run)
                .build();
             var kafka = new KafkaTestClient()) {
            broken.start().awaitReady(START);
            for (int seq = 1; seq <= 2; seq++) {
                produce(kafka, 0, TestProposals.proposal(experiment, seq, List.of("host-cpu")));
            }
            Map<String, List<LatencyMeasured>> answers = awaitAnswers(experiment, 2);
            assertThat(answers.values()).allSatisfy(list -> {
                assertThat(list).hasSize(1);
                assertThat(list.get(0).status()).isEqualTo(TrialStatus.FAILED);
                assertThat(list.get(0).reason()).contains("nas.device.timeout");
            });
            HttpClient http = HttpClient.newHttpClient();
            var ready = http.send(HttpRequest.newBuilder(URI.create(broken.baseUrl() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"device\"").contains("consecutiveFailures");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!broken.logContains("Left the consumer group") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(broken.logContains("Left the consumer group")).as("left the consumer group").isTrue();
        }
    }

    private static ServiceProcess hostCpu(Map<String, String> infra, String run, String deviceId) {
        return ServiceProcess.builder("latency-service").config(infra)
                .jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                .config("nas.device.type", "host-cpu")
                .config("nas.device.id", deviceId)
                .config("nas.device.probe", "host-cpu")
                .config("mp.messaging.incoming.proposals.group.id", "nas-latency-host-cpu-" + run)
                .config("mp.messaging.incoming.proposals.session.timeout.ms", "8000")
                .build();
    }

    /** Round-robin over the partitions, so that both members of a group get work whatever the trial ids hash to. */
    private static void produce(KafkaTestClient kafka, int seq, Proposal proposal) {
        kafka.produce(Topics.PROPOSALS, seq % PARTITIONS, proposal.trialId(), EventJson.write(proposal));
    }

    /** Every answer of the experiment's trials, by trial id, once {@code trials} trials have at least one. */
    private static Map<String, List<LatencyMeasured>> awaitAnswers(String experimentId, int trials)
            throws InterruptedException {
        long deadline = System.nanoTime() + ANSWERS.toNanos();
        while (true) {
            Map<String, List<LatencyMeasured>> byTrial = TopicSnapshot.read(Topics.LATENCY).stream()
                    .filter(r -> r.key() != null && r.key().startsWith(experimentId + "-"))
                    .map(ConsumerRecord::value)
                    .map(value -> EventJson.read(value, LatencyMeasured.class))
                    .collect(Collectors.groupingBy(LatencyMeasured::trialId, HashMap::new, Collectors.toList()));
            if (byTrial.size() >= trials) {
                return byTrial;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(experimentId + ": " + byTrial.size() + " of " + trials
                        + " trials answered within " + ANSWERS + ": " + byTrial.keySet());
            }
            Thread.sleep(500);
        }
    }

    /** The first {@code rows} cells of search.csv with their recorded pixel3_ms. */
    private static Map<String, Double> recordedPixel3(int rows) throws IOException {
        List<String> lines = Files.readAllLines(SharedBench.nb201SearchCsv());
        List<String> header = List.of(lines.get(0).split(","));
        int arch = header.indexOf("arch_str");
        int pixel3 = header.indexOf("pixel3_ms");
        Map<String, Double> recorded = new LinkedHashMap<>();
        for (String line : lines.subList(1, rows + 1)) {
            String[] fields = line.split(",");
            recorded.put(fields[arch], Double.parseDouble(fields[pixel3]));
        }
        return recorded;
    }
}
