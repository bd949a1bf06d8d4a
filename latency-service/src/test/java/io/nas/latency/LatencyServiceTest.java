package io.nas.latency;

import io.nas.contract.Topics;
import io.nas.contract.TrialIds;
import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.count.AnalyticCounter;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.LatencyMeasured;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrainingSpec;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;
import io.nas.latency.domain.LatencyObjects;
import io.nas.model.latency.LatencyTable;
import io.nas.model.latency.LayerConfig;
import io.nas.storage.LookupTables;
import io.nas.storage.ObjectStore;
import io.nas.launcher.KafkaBroker;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.nas.testsupport.TestProposals;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

/** The latency farm of device type host-cpu against a real broker and S3 server. */
@QuarkusTest
@WithTestResource(value = NasInfraResource.class,
        initArgs = @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.PROPOSALS))
class LatencyServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;

    @Test
    void createsTheTopicItProducesAndItsDlq() {
        assertThat(KafkaBroker.shared().topics()).contains(Topics.LATENCY, Topics.dlq(Topics.PROPOSALS));
    }

    @Test
    void measuresTheProposalsOfItsDeviceTypeOnceAndSkipsTheOthers() throws Exception {
        var elsewhere = TestProposals.proposal("exp-devices", 1, List.of("pixel3"));
        var here = TestProposals.proposal("exp-devices", 2, List.of("pixel3", "host-cpu"));
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, "exp-devices", elsewhere);
            kafka.produce(Topics.PROPOSALS, "exp-devices", here);

            var record = kafka.awaitRecord(Topics.LATENCY, r -> here.trialId().equals(r.key()), WAIT);
            var answer = EventJson.read(record.value(), LatencyMeasured.class);
            assertThat(answer.status()).isEqualTo(TrialStatus.OK);
            assertThat(answer.deviceType()).isEqualTo("host-cpu");
            assertThat(answer.deviceId()).isNotBlank();
            assertThat(answer.method()).isEqualTo(LatencyMethod.MEASURED);
            assertThat(answer.p50Ms()).isPositive();
            assertThat(answer.p90Ms()).isGreaterThanOrEqualTo(answer.p50Ms());
            assertThat(answer.runs()).isPositive();
            String key = LatencyObjects.measurement(here.experimentId(), here.trialId(), "host-cpu");
            assertThat(EventJson.read(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8),
                    LatencyMeasured.class)).isEqualTo(answer);
            // Same partition, so the earlier proposal was handled first: skipped, not answered.
            assertThat(kafka.awaitRecords(Topics.LATENCY, 1, WAIT))
                    .noneMatch(r -> elsewhere.trialId().equals(r.key()));

            // Redelivered: answered from the stored measurement, not measured again.
            kafka.produce(Topics.PROPOSALS, "exp-devices", here);
            var again = kafka.awaitRecord(Topics.LATENCY,
                    r -> here.trialId().equals(r.key()) && r.offset() > record.offset(), WAIT);
            assertThat(again.value()).isEqualTo(record.value());
        }
    }

    @Test
    void refusesCellsAndPredictsFromTheLookupTableOnceItExists() throws Exception {
        var cell = cellProposal("exp-cell", 1);
        var predicted = withLatencyMethod(TestProposals.proposal("exp-lut", 1, List.of("host-cpu")),
                LatencyMethod.PREDICTED);
        try (var kafka = new KafkaTestClient()) {
            kafka.produce(Topics.PROPOSALS, cell.trialId(), cell);
            kafka.produce(Topics.PROPOSALS, predicted.trialId(), predicted);

            var refused = EventJson.read(kafka.awaitRecord(Topics.LATENCY, r -> cell.trialId().equals(r.key()), WAIT)
                    .value(), LatencyMeasured.class);
            assertThat(refused.status()).isEqualTo(TrialStatus.REFUSED);
            assertThat(refused.reason()).contains("replay");
            var noTable = EventJson.read(kafka.awaitRecord(Topics.LATENCY,
                    r -> predicted.trialId().equals(r.key()), WAIT).value(), LatencyMeasured.class);
            assertThat(noTable.status()).isEqualTo(TrialStatus.FAILED);
            assertThat(noTable.reason()).contains("devices/host-cpu/lut/mnasnet-cpu.json")
                    .contains("./nas latency build-lut --device host-cpu --preset mnasnet-cpu");

            // Once the device's table exists, predictions come from it: stem + every layer + head.
            var next = withLatencyMethod(TestProposals.proposal("exp-lut", 2, List.of("host-cpu")),
                    LatencyMethod.PREDICTED);
            LatencyTable table = tableFor(next, 0.25, 0.5, 2.0);
            store.putText(LookupTables.key("host-cpu", "mnasnet-cpu"), table.toJson());
            kafka.produce(Topics.PROPOSALS, next.trialId(), next);

            var fromTable = EventJson.read(kafka.awaitRecord(Topics.LATENCY,
                    r -> next.trialId().equals(r.key()), WAIT).value(), LatencyMeasured.class);
            assertThat(fromTable.status()).isEqualTo(TrialStatus.OK);
            assertThat(fromTable.method()).isEqualTo(LatencyMethod.PREDICTED);
            int layers = MnasArchitecture.parse(next.architecture()).blocks().stream().mapToInt(BlockSpec::repeats).sum();
            assertThat(fromTable.p50Ms()).isCloseTo(0.25 + 0.5 * layers + 2.0, within(1e-9));
        }
    }

    /** A table holding exactly the proposal's layers, each at {@code layerMs}; real tables come from build-lut. */
    private static LatencyTable tableFor(Proposal proposal, double stemMs, double layerMs, double headMs) {
        var space = (MnasSearchSpace) SearchSpaces.of(proposal.space());
        MnasArchitecture architecture = MnasArchitecture.parse(proposal.architecture());
        Map<String, Double> layers = new HashMap<>();
        int size = AnalyticCounter.spatial(space.frame().resolution(), 2);
        for (BlockSpec block : architecture.blocks()) {
            for (int layer = 0; layer < block.repeats(); layer++) {
                layers.put(LayerConfig.of(block, layer, size).key(), layerMs);
                size = AnalyticCounter.spatial(size, block.layerStride(layer));
            }
        }
        int width = architecture.blocks().get(architecture.blocks().size() - 1).outFilters();
        return new LatencyTable("host-cpu", space.spec(), 1, stemMs, Map.of(LatencyTable.headKey(width), headMs),
                layers, Instant.now(), 0.0, null);
    }

    static Proposal cellProposal(String experimentId, long seq) {
        return cellProposal(experimentId, seq,
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
                List.of("host-cpu"));
    }

    /** A NAS-Bench-201 cell to be measured on {@code deviceTypes}. */
    static Proposal cellProposal(String experimentId, long seq, String cell, List<String> deviceTypes) {
        SearchSpace space = SearchSpaces.of(SearchSpaceSpec.preset("nb201"));
        TrainingSpec training = new TrainingSpec("tabular", "cifar10-valid", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        return new Proposal(null, TrialIds.of(experimentId, seq), experimentId, seq, cell, space.encode(cell),
                space.spec(), training, space.spec().resolution(), deviceTypes, 0L, 0.0, null, Instant.now());
    }

    static Proposal withLatencyMethod(Proposal p, LatencyMethod method) {
        return new Proposal(p.schemaVersion(), p.trialId(), p.experimentId(), p.seq(), p.architecture(), p.indices(),
                p.space(), p.training(), p.inferenceResolution(), p.deviceTypes(), p.policyVersion(),
                p.logProbability(), p.duplicateOf(), p.createdAt(), method);
    }

    @Test
    void garbageAndInvalidProposalsLandInTheDlqAndTheNextIsStillAnswered() {
        var valid = TestProposals.proposal("exp-dlq", 1, List.of("host-cpu"));
        // JSON, but no device type to measure on.
        String invalid = EventJson.write(valid).replace("\"deviceTypes\":[\"host-cpu\"]", "\"deviceTypes\":[]");
        try (var kafka = new KafkaTestClient()) {
            // One partition: the valid proposal is consumed after the two broken ones.
            kafka.produce(Topics.PROPOSALS, 0, "garbage", "\u0000\u0001 binary garbage");
            kafka.produce(Topics.PROPOSALS, 0, "invalid", invalid);
            kafka.produce(Topics.PROPOSALS, 0, valid.trialId(), EventJson.write(valid));

            assertThat(kafka.awaitDeadLetterReason(Topics.PROPOSALS, "garbage", WAIT)).isNotBlank();
            assertThat(kafka.awaitDeadLetterReason(Topics.PROPOSALS, "invalid", WAIT)).contains("deviceTypes");
            kafka.awaitRecord(Topics.LATENCY, r -> valid.trialId().equals(r.key()), WAIT);
        }
    }

    @Test
    void isReadyWithKafkaAndTheObjectStoreAndExposesMetrics() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("object-store"))
                .body(containsString("\"device\""))
                .body(containsString("Kafka"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
