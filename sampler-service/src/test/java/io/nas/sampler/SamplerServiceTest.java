package io.nas.sampler;

import io.nas.contract.Topics;
import io.nas.contract.TrialIds;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.ExperimentUpdate;
import io.nas.contract.event.PolicyPublished;
import io.nas.contract.event.Proposal;
import io.nas.contract.event.TrialResult;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;
import io.nas.sampler.domain.ExperimentView;
import io.nas.sampler.service.TrainerDispatch;
import io.nas.search.Draw;
import io.nas.search.Observation;
import io.nas.search.PpoSettings;
import io.nas.search.RandomSearch;
import io.nas.search.RegularizedEvolution;
import io.nas.search.Strategies;
import io.nas.search.TrialRandom;
import io.nas.search.controller.ControllerState;
import io.nas.search.controller.Policy;
import io.nas.search.controller.PolicyController;
import io.nas.storage.ObjectStore;
import io.nas.launcher.KafkaBroker;
import io.nas.testsupport.KafkaTestClient;
import io.nas.testsupport.NasInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = NasInfraResource.class, initArgs = {
        @ResourceArg(name = NasInfraResource.DATABASE, value = "true"),
        @ResourceArg(name = NasInfraResource.INPUT_TOPICS, value = Topics.RESULTS + "," + Topics.POLICY)})
class SamplerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The keys of the %test profile (application.properties). */
    private static final String KEY = "test-key";
    private static final String SECOND_KEY = "second-test-key";
    private static final SearchSpace NB201 = SearchSpaces.of(SearchSpaceSpec.preset("nb201"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Inject
    TrainerDispatch dispatch;

    @ConfigProperty(name = "nas.sampler.dispatch.trainer-group")
    String trainerGroup;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void createsTheTopicsItProducesAndTheDeadLetterQueuesOfThoseItConsumes() {
        assertThat(KafkaBroker.shared().topics()).contains(Topics.EXPERIMENTS, Topics.PROPOSALS,
                Topics.dlq(Topics.RESULTS), Topics.dlq(Topics.POLICY));
        // nas.experiments keeps the latest state of each experiment; proposals are a log.
        assertThat(KafkaBroker.shared().cleanupPolicy(Topics.EXPERIMENTS)).isEqualTo("compact");
        assertThat(KafkaBroker.shared().cleanupPolicy(Topics.PROPOSALS)).isEqualTo("delete");
    }

    @Test
    void resultsDriveTheExperimentFromItsFirstProposalsToDone() {
        String id = createExperiment(3, 2);

        ExperimentUpdate running = EventJson.read(kafka.awaitRecord(Topics.EXPERIMENTS,
                record -> id.equals(record.key()) && record.value().contains("RUNNING"), WAIT).value(),
                ExperimentUpdate.class);
        assertThat(running.state()).isEqualTo(ExperimentState.RUNNING);
        assertThat(running.spec().maxInFlight()).isEqualTo(2);
        assertThat(running.spec().space().resolution()).isEqualTo(32);

        Proposal first = awaitProposal(id + "-1");
        Proposal second = awaitProposal(id + "-2");
        assertThat(first.seq()).isEqualTo(1L);
        assertThat(first.experimentId()).isEqualTo(id);
        assertThat(first.space().family()).isEqualTo("nb201");
        assertThat(first.indices()).hasSize(6);
        assertThat(first.architecture()).isEqualTo(SearchSpaces.of(first.space()).canonical(first.indices()));
        assertThat(first.inferenceResolution()).isEqualTo(32);
        assertThat(first.deviceTypes()).containsExactly("cpu", "pixel3");
        assertThat(first.policyVersion()).isZero();
        // random: the uniform draw of TrialRandom.of(seed, seq), with its log-probability.
        assertThat(first.indices()).isEqualTo(RandomSearch.draw(NB201, 7, 1).indices());
        assertThat(first.logProbability()).isCloseTo(-6 * Math.log(5), within(1e-9));
        assertThat(first.training().backend()).isEqualTo("tabular");
        assertThat(second.seq()).isEqualTo(2L);
        // The same seed proposes the same candidates.
        String twin = createExperiment(1, 1);
        assertThat(awaitProposal(twin + "-1").indices()).isEqualTo(first.indices());
        given().get("/experiments/{id}", id).then().statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("proposed", equalTo(2))
                .body("completed", equalTo(0));

        kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK));
        Proposal third = awaitProposal(id + "-3");
        assertThat(third.seq()).isEqualTo(3L);

        // A redelivered result is counted once.
        int partition = kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK))
                .partition();
        barrier(Topics.RESULTS, partition);
        given().get("/experiments/{id}", id).then()
                .body("completed", equalTo(1))
                .body("proposed", equalTo(3))
                .body("state", equalTo("RUNNING"));

        kafka.produce(Topics.RESULTS, second.trialId(), result(second.trialId(), id, TrialStatus.FAILED));
        await().atMost(WAIT).untilAsserted(() -> given().get("/experiments/{id}", id).then()
                .body("failed", equalTo(1)));
        given().get("/experiments/{id}", id).then().body("state", equalTo("RUNNING")).body("proposed", equalTo(3));

        kafka.produce(Topics.RESULTS, third.trialId(), result(third.trialId(), id, TrialStatus.OK));
        ConsumerRecord<String, String> done = kafka.awaitRecord(Topics.EXPERIMENTS,
                record -> id.equals(record.key()) && record.value().contains("DONE"), WAIT);
        assertThat(EventJson.read(done.value(), ExperimentUpdate.class).state()).isEqualTo(ExperimentState.DONE);
        given().get("/experiments/{id}", id).then().statusCode(200)
                .body("state", equalTo("DONE"))
                .body("proposed", equalTo(3))
                .body("completed", equalTo(2))
                .body("failed", equalTo(1))
                .body("inFlight", equalTo(0));
        // The list holds it, newest first: the twin was created after it.
        List<String> listed = given().get("/experiments").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(listed).containsSubsequence(twin, id);
    }

    @Test
    void garbageAndInvalidResultsGoToTheDeadLetterQueueAndTheConsumerGoesOn() {
        String id = createExperiment(2, 1);
        Proposal first = awaitProposal(id + "-1");

        kafka.produce(Topics.RESULTS, "garbage-result", "this is not JSON {");
        kafka.produce(Topics.RESULTS, "fraction-result", EventJson.write(result(first.trialId(), id, TrialStatus.OK))
                .replace("\"accuracy\":0.9", "\"accuracy\":1.7"));
        kafka.produce(Topics.RESULTS, "mismatched-result",
                "{\"trialId\":\"exp-other-1\",\"experimentId\":\"" + id + "\",\"status\":\"OK\"}");
        kafka.produce(Topics.RESULTS, "exp-unknown-1", result("exp-unknown-1", "exp-unknown", TrialStatus.OK));
        kafka.produce(Topics.RESULTS, "never-proposed", result(id + "-9", id, TrialStatus.OK));
        kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK));

        assertThat(deadLetterReason(Topics.RESULTS, "garbage-result")).isNotBlank();
        assertThat(deadLetterReason(Topics.RESULTS, "fraction-result")).contains("accuracy must be a fraction");
        assertThat(deadLetterReason(Topics.RESULTS, "mismatched-result")).contains("trialId");
        assertThat(deadLetterReason(Topics.RESULTS, "exp-unknown-1")).contains("exp-unknown", "no experiment");
        assertThat(deadLetterReason(Topics.RESULTS, "never-proposed")).contains(id + "-9", "never proposed");
        awaitProposal(id + "-2");
        given().get("/experiments/{id}", id).then().body("completed", equalTo(1));
    }

    @Test
    void keepsTheNewestPolicyVersionAndSendsBrokenPoliciesToTheDeadLetterQueue() {
        Map<String, Object> ppo = spec("ppo", 1, 1);
        String id = create(ppo);
        String random = createExperiment(1, 1);
        PolicyController controller = Strategies.controller("ppo", Map.of());
        String weights = Base64.getEncoder().encodeToString(controller.initial(NB201, 3).weights());
        String otherSpace = Base64.getEncoder().encodeToString(controller.initial(
                SearchSpaces.of(SearchSpaceSpec.preset("mnasnet-cpu")), 3).weights());

        kafka.produce(Topics.POLICY, "garbage-policy", "{\"version\": ");
        kafka.produce(Topics.POLICY, "both-parameters-policy", "{\"experimentId\":\"" + id + "\",\"strategy\":\"ppo\","
                + "\"version\":1,\"parametersBase64\":\"AA==\",\"parametersUri\":\"s3://nas/p\"}");
        kafka.produce(Topics.POLICY, "exp-nowhere", policy("exp-nowhere", 1, weights));
        kafka.produce(Topics.POLICY, "random-policy", policy(random, 1, weights));
        kafka.produce(Topics.POLICY, "other-space-policy", policy(id, 5, otherSpace));
        kafka.produce(Topics.POLICY, "missing-object-policy", new PolicyPublished(null, id, "ppo", 6L, null,
                store.uri("experiments/" + id + "/policy/nowhere.bin"), Instant.now()));
        int partition = kafka.produce(Topics.POLICY, id, policy(id, 3, weights)).partition();
        kafka.produce(Topics.POLICY, id, policy(id, 2, weights));

        assertThat(deadLetterReason(Topics.POLICY, "garbage-policy")).isNotBlank();
        assertThat(deadLetterReason(Topics.POLICY, "both-parameters-policy")).contains("parametersBase64");
        assertThat(deadLetterReason(Topics.POLICY, "exp-nowhere")).contains("exp-nowhere", "no experiment");
        assertThat(deadLetterReason(Topics.POLICY, "random-policy")).contains("random", "no policy");
        assertThat(deadLetterReason(Topics.POLICY, "other-space-policy")).isNotBlank();
        assertThat(deadLetterReason(Topics.POLICY, "missing-object-policy")).contains("parametersUri");
        barrier(Topics.POLICY, partition);
        given().get("/experiments/{id}", id).then().body("policyVersion", equalTo(3));
    }

    @Test
    void refusesInvalidExperimentsNamingTheField() {
        Map<String, Object> valid = spec("random", 3, 1);
        postExpecting400(with(valid, "maxTrials", 0), "maxTrials");
        postExpecting400(without(valid, "maxTrials"), "maxTrials").body("message", containsString("maxTrainingSeconds"));
        postExpecting400(with(valid, "maxTrainingSeconds", 0), "maxTrainingSeconds");
        postExpecting400(with(valid, "maxInFlight", 0), "maxInFlight");
        postExpecting400(with(valid, "targetDeviceType", " "), "targetDeviceType");
        postExpecting400(with(valid, "reportDeviceTypes", List.of(" ")), "reportDeviceTypes");
        postExpecting400(with(valid, "space", Map.of("preset", "no-such-space")), "space.preset");
        postExpecting400(without(valid, "space"), "space");
        postExpecting400(without(valid, "training"), "training");
        postExpecting400(with(valid, "latencyMethod", "replayed"), "latencyMethod");
        postExpecting400(with(valid, "name", "n".repeat(201)), "name");
        postExpecting400(with(valid, "strategy", "annealing"), "strategy")
                .body("message", containsString("[random, reinforce, ppo, evolution]"));
        postExpecting400(with(with(valid, "strategy", "ppo"), "strategySettings", Map.of("bogus", 1)),
                "strategySettings.bogus");
        postExpecting400(with(with(valid, "strategy", "evolution"), "strategySettings", Map.of("populationSize", 1)),
                "strategySettings.populationSize");
        postExpecting400(with(valid, "constraint", "medium"), "constraint");
        postExpecting400(without(valid, "targetLatencyMs"), "targetLatencyMs");
        postExpecting400(with(valid, "targetLatencyMs", -5), "targetLatencyMs");
        postExpecting400(with(valid, "reward", Map.of("function", "bogus")), "reward.function");
        postExpecting400(with(valid, "reward", Map.of("function", "training-aware", "referenceParams", 1000)),
                "reward.referenceTrainingSeconds");
        postExpecting400(with(valid, "reward", Map.of("function", "training-aware",
                "referenceTrainingSeconds", 100, "referenceParams", 0)), "reward.referenceParams");
        postExpecting400("{not json", "body");
        postExpecting400(with(valid, "maxTrials", "many"), "maxTrials");
        given().queryParam("limit", 0).get("/experiments").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/experiments/{id}", "exp-missing").then().statusCode(404).body("field", equalTo("id"));
    }

    @Test
    void fillsTheDefaultsARerunNeeds() {
        Map<String, Object> bare = without(without(spec("ppo", 3, 1), "strategy"), "seed");
        ExperimentView created = view(authorized().body(EventJson.write(bare)).post("/experiments"), 201);
        assertThat(created.strategy()).isEqualTo("ppo");
        assertThat(created.spec().strategy()).isEqualTo("ppo");
        assertThat(created.spec().strategySettings()).containsEntry("learningRate", PpoSettings.DEFAULT_LEARNING_RATE)
                .containsEntry("batchSize", 5).containsEntry("hiddenSize", 64).containsKey("clip");
        assertThat(created.spec().seed()).isNotNull();
        assertThat(created.spec().maxInFlight()).isEqualTo(1);
        assertThat(created.spec().constraint()).isEqualTo("soft");
        assertThat(created.spec().alpha()).isEqualTo(-0.07);
        assertThat(created.spec().beta()).isEqualTo(-0.07);
        assertThat(created.spec().reward().function()).isEqualTo("mnas");
        assertThat(created.spec().reward().failedReward()).isEqualTo(0.0);
        // What was announced is what will run.
        ExperimentUpdate announced = EventJson.read(kafka.awaitRecord(Topics.EXPERIMENTS,
                record -> created.id().equals(record.key()), WAIT).value(), ExperimentUpdate.class);
        assertThat(announced.spec()).isEqualTo(created.spec());
        assertThat(awaitProposal(created.id() + "-1").policyVersion()).isZero();

        ExperimentView hard = view(authorized().body(EventJson.write(with(bare, "constraint", "HARD")))
                .post("/experiments"), 201);
        assertThat(hard.spec().constraint()).isEqualTo("hard");
        assertThat(hard.spec().alpha()).isEqualTo(0.0);
        assertThat(hard.spec().beta()).isEqualTo(-1.0);

        ExperimentView trainingAware = view(authorized().body(EventJson.write(with(with(bare, "strategy", "evolution"),
                "reward", Map.of("function", "training-aware", "referenceTrainingSeconds", 100,
                        "referenceParams", 1000000)))).post("/experiments"), 201);
        assertThat(trainingAware.spec().reward().trainingExponent()).isEqualTo(-0.07);
        assertThat(trainingAware.spec().reward().paramsExponent()).isEqualTo(-0.05);
        assertThat(trainingAware.spec().strategySettings()).containsEntry("populationSize", 20)
                .containsEntry("sampleSize", 5);
    }

    @Test
    void writingNeedsAnApiKeyReadingDoesNot() {
        String body = EventJson.write(spec("random", 1, 1));
        given().contentType(ContentType.JSON).body(body).post("/experiments").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("message", containsString("Authorization: Bearer"))
                .body("message", containsString("X-API-Key"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong-key").body(body)
                .post("/experiments").then().statusCode(401)
                .body("message", containsString("not a known API key"))
                .body("message", containsString("X-API-Key"));
        given().contentType(ContentType.JSON).header("X-API-Key", "wrong-key").body(body)
                .post("/experiments").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Basic " + KEY).body(body)
                .post("/experiments").then().statusCode(401);

        String viaBearer = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + KEY).body(body)
                .post("/experiments").then().statusCode(201).extract().path("id");
        String viaApiKey = given().contentType(ContentType.JSON).header("X-API-Key", SECOND_KEY).body(body)
                .post("/experiments").then().statusCode(201).extract().path("id");
        assertThat(viaApiKey).isNotEqualTo(viaBearer);

        given().post("/experiments/{id}/stop", viaBearer).then().statusCode(401)
                .body("message", containsString("X-API-Key"));
        given().header("X-API-Key", "wrong-key").post("/experiments/{id}/stop", viaBearer).then().statusCode(401);
        given().get("/experiments/{id}", viaBearer).then().statusCode(200).body("state", equalTo("RUNNING"));
        given().header("X-API-Key", "wrong-key").get("/experiments/{id}", viaBearer).then().statusCode(200);
        given().get("/experiments").then().statusCode(200).body("id", hasItem(viaApiKey));
    }

    @Test
    void theSameSeedAndTheSameResultsGiveTheSameProposals() {
        Map<String, Object> random = spec("random", 5, 1);
        List<String> first = drive(create(random), 5, seq -> 0.1 * (seq % 4));
        List<String> second = drive(create(random), 5, seq -> 0.1 * (seq % 4));
        assertThat(second).isEqualTo(first);
        assertThat(first.get(0)).isEqualTo(NB201.canonical(RandomSearch.draw(NB201, 7, 1).indices()));

        Map<String, Object> evolution = with(with(spec("evolution", 6, 1), "seed", 21),
                "strategySettings", Map.of("populationSize", 2, "sampleSize", 2));
        List<String> evolved = drive(create(evolution), 6, seq -> seq == 2 ? 0.9 : 0.1 * seq);
        List<String> again = drive(create(evolution), 6, seq -> seq == 2 ? 0.9 : 0.1 * seq);
        assertThat(again).isEqualTo(evolved);
        assertThat(evolved).isEqualTo(evolve(21, 6, seq -> seq == 2 ? 0.9 : 0.1 * seq));
        // After the population is full, each candidate is a one-decision mutation of an earlier one.
        for (int i = 2; i < evolved.size(); i++) {
            List<Integer> child = NB201.encode(evolved.get(i));
            assertThat(evolved.subList(0, i)).as("candidate %d", i + 1)
                    .anySatisfy(parent -> assertThat(distance(NB201.encode(parent), child)).isEqualTo(1));
        }
        // Other results, other candidates: the history steers evolution.
        List<String> steered = drive(create(evolution), 6, seq -> seq == 1 ? 0.9 : 0.01 * seq);
        assertThat(steered).isEqualTo(evolve(21, 6, seq -> seq == 1 ? 0.9 : 0.01 * seq));
        assertThat(steered.subList(0, 2)).isEqualTo(evolved.subList(0, 2));
        assertThat(steered).isNotEqualTo(evolved);
    }

    @Test
    void ppoProposalsComeFromTheNewestPolicyVersion() throws Exception {
        Map<String, Object> ppo = with(with(spec("ppo", 4, 2), "seed", 11), "strategySettings", Map.of("batchSize", 2));
        String id = create(ppo);
        PolicyController controller = Strategies.controller("ppo", Map.of("batchSize", 2));
        ControllerState initial = controller.initial(NB201, 11);
        Policy version0 = controller.policy(initial.weights(), NB201);

        Proposal first = awaitProposal(id + "-1");
        Proposal second = awaitProposal(id + "-2");
        for (Proposal proposal : List.of(first, second)) {
            assertThat(proposal.policyVersion()).isZero();
            assertThat(proposal.indices()).isEqualTo(version0.sample(TrialRandom.of(11, proposal.seq())).indices());
            assertThat(proposal.logProbability())
                    .isCloseTo(version0.logProbability(proposal.indices()), within(1e-9));
        }

        // Version 1, inline: learned from the first batch as the reward service would.
        ControllerState state1 = controller.update(initial, List.of(
                new Observation(1, first.indices(), first.logProbability(), 0.9),
                new Observation(2, second.indices(), second.logProbability(), 0.1)));
        Policy version1 = controller.policy(state1.weights(), NB201);
        barrier(Topics.POLICY, kafka.produce(Topics.POLICY, id,
                policy(id, 1, Base64.getEncoder().encodeToString(state1.weights()))).partition());
        kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK));
        Proposal third = awaitProposal(id + "-3");
        assertThat(third.policyVersion()).isEqualTo(1L);
        assertThat(third.indices()).isEqualTo(version1.sample(TrialRandom.of(11, 3)).indices());
        assertThat(third.logProbability()).isCloseTo(version1.logProbability(third.indices()), within(1e-9));
        assertThat(third.logProbability()).isNotCloseTo(version0.logProbability(third.indices()), within(1e-9));

        // Version 2, through the object store as larger policies travel.
        ControllerState state2 = controller.update(state1, List.of(
                new Observation(3, third.indices(), third.logProbability(), 0.8),
                new Observation(2, second.indices(), second.logProbability(), 0.2)));
        String uri = store.put("experiments/" + id + "/policy/v2.bin", state2.weights(), "application/octet-stream");
        barrier(Topics.POLICY, kafka.produce(Topics.POLICY, id,
                new PolicyPublished(null, id, "ppo", 2L, null, uri, Instant.now())).partition());
        kafka.produce(Topics.RESULTS, second.trialId(), result(second.trialId(), id, TrialStatus.OK));
        Proposal fourth = awaitProposal(id + "-4");
        assertThat(fourth.policyVersion()).isEqualTo(2L);
        assertThat(fourth.logProbability()).isCloseTo(controller.policy(state2.weights(), NB201)
                .logProbability(fourth.indices()), within(1e-9));
        given().get("/experiments/{id}", id).then().body("policyVersion", equalTo(2));
    }

    @Test
    void aRepeatedArchitectureIsProposedAsADuplicateOfItsFirstTrial() {
        long seed = seedWhoseSecondDrawRepeatsTheFirst();
        String id = create(with(spec("random", 3, 2), "seed", seed));
        Proposal first = awaitProposal(id + "-1");
        Proposal second = awaitProposal(id + "-2");
        assertThat(first.duplicateOf()).isNull();
        assertThat(second.architecture()).isEqualTo(first.architecture());
        assertThat(second.duplicateOf()).isEqualTo(first.trialId());
        // The duplicate is in flight like any trial: no third proposal before a result.
        given().get("/experiments/{id}", id).then()
                .body("proposed", equalTo(2)).body("inFlight", equalTo(2)).body("duplicates", equalTo(1));

        kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK, 0.6, 10.0, 30.0,
                true));
        Proposal third = awaitProposal(id + "-3");
        assertThat(third.duplicateOf()).isNull();
        // It costs no training seconds, whatever its result reports.
        kafka.produce(Topics.RESULTS, second.trialId(), result(second.trialId(), id, TrialStatus.OK, 0.6, 10.0, 30.0,
                true));
        await().atMost(WAIT).untilAsserted(() -> given().get("/experiments/{id}", id).then()
                .body("completed", equalTo(2))
                .body("budget.trainingSeconds", equalTo(30.0f))
                .body("best.trialId", equalTo(first.trialId())));
    }

    @Test
    void theTrainingSecondsBudgetStopsProposingAndFinishesTheExperiment() {
        Map<String, Object> budgeted = with(with(without(spec("random", 0, 2), "maxTrials"),
                "maxTrainingSeconds", 100), "constraint", "hard");
        String id = create(budgeted);
        Proposal first = awaitProposal(id + "-1");
        Proposal second = awaitProposal(id + "-2");

        // 40 s spent, 1 in flight at 40 s: 80 < 100, one more; then 40 + 2 x 40 = 120 >= 100, no more.
        kafka.produce(Topics.RESULTS, first.trialId(), result(first.trialId(), id, TrialStatus.OK, 0.5, 10.0, 40.0,
                true));
        Proposal third = awaitProposal(id + "-3");
        kafka.produce(Topics.RESULTS, second.trialId(), result(second.trialId(), id, TrialStatus.OK, 0.7, 30.0, 40.0,
                true));
        await().atMost(WAIT).untilAsserted(() -> given().get("/experiments/{id}", id).then()
                .body("completed", equalTo(2)));
        given().get("/experiments/{id}", id).then()
                .body("state", equalTo("RUNNING")).body("proposed", equalTo(3)).body("inFlight", equalTo(1));

        // The reward service reports the trial that went over the cap as not counted.
        kafka.produce(Topics.RESULTS, third.trialId(), result(third.trialId(), id, TrialStatus.OK, 0.95, 10.0, 40.0,
                false));
        kafka.awaitRecord(Topics.EXPERIMENTS, record -> id.equals(record.key()) && record.value().contains("DONE"),
                WAIT);
        ExperimentView done = view(given().get("/experiments/{id}", id), 200);
        assertThat(done.state()).isEqualTo(ExperimentState.DONE);
        assertThat(done.proposed()).isEqualTo(3);
        assertThat(done.budget().trials()).isEqualTo(3);
        assertThat(done.budget().maxTrials()).isNull();
        assertThat(done.budget().maxTrainingSeconds()).isEqualTo(100.0);
        assertThat(done.budget().trainingSeconds()).isEqualTo(80.0);
        assertThat(done.budget().estimatedTrainingSeconds()).isEqualTo(120.0);
        // Hard constraint: the best counted trial within the target (20 ms) wins over a higher reward beyond it.
        assertThat(done.best().trialId()).isEqualTo(first.trialId());
        assertThat(done.best().architecture()).isEqualTo(first.architecture());
        assertThat(done.best().reward()).isEqualTo(0.5);
        assertThat(done.best().latencyMs()).isEqualTo(10.0);
        assertThat(done.best().withinTarget()).isTrue();
    }

    @Test
    void stoppingEndsTheProposalsButResultsStillCount() {
        String id = createExperiment(5, 1);
        Proposal first = awaitProposal(id + "-1");

        authorized().post("/experiments/{id}/stop", id).then().statusCode(200).body("state", equalTo("STOPPED"));
        ExperimentUpdate stopped = EventJson.read(kafka.awaitRecord(Topics.EXPERIMENTS,
                record -> id.equals(record.key()) && record.value().contains("STOPPED"), WAIT).value(),
                ExperimentUpdate.class);
        assertThat(stopped.spec().maxTrials()).isEqualTo(5);

        barrier(Topics.RESULTS, kafka.produce(Topics.RESULTS, first.trialId(),
                result(first.trialId(), id, TrialStatus.OK)).partition());
        given().get("/experiments/{id}", id).then()
                .body("state", equalTo("STOPPED"))
                .body("completed", equalTo(1))
                .body("proposed", equalTo(1))
                .body("best.trialId", equalTo(first.trialId()));

        authorized().post("/experiments/{id}/stop", id).then().statusCode(409)
                .body("field", equalTo("state")).body("message", containsString("STOPPED"));
        authorized().post("/experiments/{id}/stop", "exp-missing").then().statusCode(404);
    }

    @Test
    void isReadyAndServesMetricsAndItsApiDescription() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("object-store"))
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", notNullValue())
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"))
                .body("paths.'/experiments'.post.security.size()", equalTo(2))
                .body("paths.'/experiments'.get.security", nullValue());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** A valid spec on NAS-Bench-201 with seed 7 and a 20 ms target, as a mutable map. */
    @Test
    void proposalsGoToThePartitionsOfTheTrainerWithTheFewestTrialsInFlight() throws Exception {
        try (TrainerGroupMembers trainers = new TrainerGroupMembers(bootstrapServers, trainerGroup, 2)) {
            await().atMost(WAIT).until(() -> trainers.assignments().stream()
                    .allMatch(partitions -> partitions != null && !partitions.isEmpty()));
            await().atMost(WAIT).until(() -> dispatch.assignment().size() == 2);

            String id = createExperiment(5, 4);
            int[] perMember = new int[2];
            Map<Long, Integer> memberOf = new LinkedHashMap<>();
            for (long seq = 1; seq <= 4; seq++) {
                String trialId = TrialIds.of(id, seq);
                int member = trainers.ownerOf(kafka.awaitRecord(Topics.PROPOSALS,
                        record -> trialId.equals(record.key()), WAIT).partition());
                memberOf.put(seq, member);
                perMember[member]++;
            }
            // Keyed by trial id, the 4 proposals would land where their hashes fall; dispatched, each trainer has 2.
            assertThat(perMember).as("proposals per trainer, by trial: %s", memberOf).containsExactly(2, 2);

            // The trainer that answers first gets the next trial.
            kafka.produce(Topics.RESULTS, TrialIds.of(id, 3), result(TrialIds.of(id, 3), id, TrialStatus.OK));
            String fifth = TrialIds.of(id, 5);
            assertThat(trainers.ownerOf(kafka.awaitRecord(Topics.PROPOSALS, record -> fifth.equals(record.key()), WAIT)
                    .partition())).isEqualTo(memberOf.get(3L));
        }
        await().atMost(WAIT).until(() -> dispatch.assignment().isEmpty());
    }

    private static Map<String, Object> spec(String strategy, int maxTrials, int maxInFlight) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "test");
        spec.put("space", Map.of("preset", "nb201"));
        spec.put("targetDeviceType", "cpu");
        spec.put("targetLatencyMs", 20.0);
        spec.put("reportDeviceTypes", List.of("pixel3"));
        spec.put("training", Map.of("backend", "tabular", "dataset", "cifar10"));
        spec.put("maxTrials", maxTrials);
        spec.put("maxInFlight", maxInFlight);
        spec.put("strategy", strategy);
        spec.put("seed", 7);
        return spec;
    }

    private static Map<String, Object> with(Map<String, Object> spec, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(spec);
        changed.put(key, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> spec, String key) {
        Map<String, Object> changed = new LinkedHashMap<>(spec);
        changed.remove(key);
        return changed;
    }

    private static RequestSpecification authorized() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + KEY);
    }

    private static String create(Map<String, Object> spec) {
        return authorized().body(EventJson.write(spec)).post("/experiments")
                .then().statusCode(201)
                .body("state", equalTo("RUNNING"))
                .extract().path("id");
    }

    /** A random-strategy experiment with seed 7. */
    private static String createExperiment(int maxTrials, int maxInFlight) {
        return create(spec("random", maxTrials, maxInFlight));
    }

    private static ExperimentView view(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return EventJson.read(response.asString(), ExperimentView.class);
    }

    private static ValidatableResponse postExpecting400(Object body, String field) {
        return authorized().body(body instanceof String text ? text : EventJson.write(body)).post("/experiments")
                .then().statusCode(400)
                .body("field", equalTo(field))
                .body("message", containsString(field));
    }

    /**
     * Answers the experiment's trials one at a time (maxInFlight 1), trial seq with reward {@code reward(seq)}, and
     * returns the architectures proposed, in seq order.
     */
    private List<String> drive(String id, int trials, LongFunction<Double> reward) {
        List<String> architectures = new ArrayList<>();
        for (long seq = 1; seq <= trials; seq++) {
            Proposal proposal = awaitProposal(TrialIds.of(id, seq));
            architectures.add(proposal.architecture());
            kafka.produce(Topics.RESULTS, proposal.trialId(), result(proposal.trialId(), id, TrialStatus.OK,
                    reward.apply(seq), 10.0, 30.0, true));
        }
        kafka.awaitRecord(Topics.EXPERIMENTS, record -> id.equals(record.key()) && record.value().contains("DONE"),
                WAIT);
        return architectures;
    }

    /** What regularized evolution (population 2, sample 2) proposes when trial seq earns {@code reward(seq)}. */
    private static List<String> evolve(long seed, int trials, LongFunction<Double> reward) {
        RegularizedEvolution evolution = new RegularizedEvolution(2, 2);
        List<Observation> history = new ArrayList<>();
        List<String> architectures = new ArrayList<>();
        for (long seq = 1; seq <= trials; seq++) {
            Draw draw = evolution.next(NB201, history, seed, seq);
            architectures.add(NB201.canonical(draw.indices()));
            history.add(Observation.of(seq, draw, reward.apply(seq)));
        }
        return architectures;
    }

    private static int distance(List<Integer> a, List<Integer> b) {
        int differences = 0;
        for (int i = 0; i < a.size(); i++) {
            differences += a.get(i).equals(b.get(i)) ? 0 : 1;
        }
        return differences;
    }

    /** A seed whose uniform draws for seq 1 and 2 are the same architecture and for seq 3 another one. */
    private static long seedWhoseSecondDrawRepeatsTheFirst() {
        for (long seed = 1; seed < 10_000_000; seed++) {
            List<Integer> first = RandomSearch.draw(NB201, seed, 1).indices();
            if (first.equals(RandomSearch.draw(NB201, seed, 2).indices())
                    && !first.equals(RandomSearch.draw(NB201, seed, 3).indices())) {
                return seed;
            }
        }
        throw new AssertionError("no seed repeats its first draw");
    }

    private Proposal awaitProposal(String trialId) {
        return EventJson.read(kafka.awaitRecord(Topics.PROPOSALS, record -> trialId.equals(record.key()), WAIT).value(),
                Proposal.class);
    }

    private String deadLetterReason(String topic, String key) {
        return kafka.awaitDeadLetterReason(topic, key, WAIT);
    }

    private static TrialResult result(String trialId, String experimentId, TrialStatus status) {
        return result(trialId, experimentId, status, 0.8, 12.5, 30.0, true);
    }

    private static TrialResult result(String trialId, String experimentId, TrialStatus status, double reward,
                                      double latencyMs, double trainingSeconds, boolean counted) {
        long seq = TrialIds.seq(trialId, experimentId);
        return new TrialResult(null, trialId, experimentId, seq, null, status,
                status == TrialStatus.OK ? null : "broke", 0.9, latencyMs, "cpu", "cpu-0", reward, 1000L, 2000L,
                trainingSeconds, null, null, 0L, null, Instant.now(), counted, null);
    }

    private static PolicyPublished policy(String experimentId, long version, String weightsBase64) {
        return new PolicyPublished(null, experimentId, "ppo", version, weightsBase64, null, Instant.now());
    }

    /**
     * Returns once every record sent to the partition before was processed: the listener takes a partition's
     * records in order, and this one, about no experiment, ends in the DLQ.
     */
    private void barrier(String topic, int partition) {
        String key = "barrier-" + UUID.randomUUID();
        Object event = topic.equals(Topics.POLICY) ? policy("exp-barrier", 1, "AAEC")
                : result("exp-barrier-1", "exp-barrier", TrialStatus.OK);
        kafka.produce(new ProducerRecord<>(topic, partition, key, EventJson.write(event)));
        deadLetterReason(topic, key);
    }
}
