package io.nas.contract.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.nas.contract.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published contract of {@code nas.results} (trial-result.schema.json) and the topic documentation
 * (docs/asyncapi.yaml) describe what this build writes: every record EventJson writes validates, broken records
 * do not, and a field or topic added without documenting it fails the build.
 */
class TrialResultSchemaTest {

    private static final String RESOURCE = "io/nas/contract/schema/trial-result.schema.json";
    private static final Path ASYNCAPI = Path.of("..", "docs", "asyncapi.yaml");
    private static final Instant AT = Instant.parse("2025-03-01T12:34:56.789Z");

    private static JsonNode schemaNode;
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = TrialResultSchemaTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the class path").isNotNull();
            schemaNode = EventJson.mapper().readTree(in);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(
                        SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .pathType(PathType.JSON_PATH)
                                .locale(Locale.ENGLISH)
                                .build()));
        schema = registry.getSchema(schemaNode);
    }

    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of("OK, every field but duplicateOf", new TrialResult(1, "exp-5", "exp", 5L,
                        "r1_k3_s11_e1_i32_o16_noskip,r2_k5_s22_e6_i16_o24_se0.25", TrialStatus.OK, null, 0.912,
                        3.25, "pixel3", "pixel3-a", 0.88, 1_000_123L, 20_000_456L, 812.5, true,
                        "s3://nas/experiments/exp/trials/exp-5/final.params", 2L, null, AT, true, List.of(0, 1, 2, 5))),
                Arguments.of("FAILED, a reason and few fields", new TrialResult(null, "exp-6", "exp", null, null,
                        TrialStatus.FAILED, "accuracy: NaN loss", null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null)),
                Arguments.of("REFUSED, latency half only", new TrialResult(null, "exp-7", "exp", 7L, null,
                        TrialStatus.REFUSED, "latency: device type 'tpu' unknown", null, null, "tpu", null, 0.0, null,
                        null, null, false, null, 1L, null, Instant.parse("2025-03-01T12:00:00Z"), true, List.of())),
                Arguments.of("duplicate", new TrialResult(1, "exp-12", "exp", 12L, "|nor_conv_3x3~0|+|none~0|skip_connect~1|"
                        + "+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|", TrialStatus.OK, null, 0.7, 4.0, "cpu",
                        "cpu-0", 0.69, 100L, 2000L, 0.0, false, "s3://nas/experiments/exp/trials/exp-3/final.params",
                        4L, "exp-3", Instant.parse("2025-03-01T12:34:56.123456789Z"), false, List.of(3, 0, 1, 4, 2, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void whatEventJsonWritesIsValid(String name, TrialResult result) {
        String json = EventJson.write(result);

        assertThat(violations(json)).as(json).isEmpty();
    }

    @Test
    void failedWithoutReasonIsRejectedNamingReason() {
        assertThat(violations(okJson(node -> {
            node.put("status", "FAILED");
            node.remove("reason");
        }))).anySatisfy(v -> assertThat(v).startsWith("$:").contains("'reason'"));
    }

    @Test
    void accuracyAboveOneIsRejectedNamingAccuracy() {
        assertThat(violations(okJson(node -> node.put("accuracy", 1.5))))
                .anySatisfy(v -> assertThat(v).startsWith("$.accuracy:"));
    }

    @Test
    void missingTrialIdIsRejectedNamingTrialId() {
        assertThat(violations(okJson(node -> node.remove("trialId"))))
                .anySatisfy(v -> assertThat(v).startsWith("$:").contains("'trialId'"));
    }

    @Test
    void unknownStatusIsRejectedNamingStatus() {
        assertThat(violations(okJson(node -> node.put("status", "MAYBE"))))
                .anySatisfy(v -> assertThat(v).startsWith("$.status:"));
    }

    @Test
    void negativeLatencyAndABadTimestampAreRejected() {
        assertThat(violations(okJson(node -> node.put("latencyMs", -1.0))))
                .anySatisfy(v -> assertThat(v).startsWith("$.latencyMs:"));
        assertThat(violations(okJson(node -> node.put("at", "yesterday"))))
                .anySatisfy(v -> assertThat(v).startsWith("$.at:"));
    }

    @Test
    void unknownFieldsAreAllowed() {
        assertThat(violations(okJson(node -> node.put("gpuTemperature", 71)))).isEmpty();
    }

    @Test
    void everyFieldOfTheRecordIsDocumentedInTheSchema() {
        JsonNode properties = schemaNode.get("properties");
        List<String> fields = Arrays.stream(TrialResult.class.getRecordComponents()).map(RecordComponent::getName)
                .toList();

        assertThat(fields).allSatisfy(field -> {
            assertThat(properties.has(field)).as("schema property '%s'", field).isTrue();
            assertThat(properties.get(field).path("description").asText())
                    .as("description of '%s'", field).isNotBlank();
        });
        assertThat(properties.fieldNames()).toIterable().as("schema properties that are no TrialResult field")
                .allSatisfy(property -> assertThat(fields).contains(property));
    }

    @Test
    void theAsyncApiDocumentNamesEveryTopicAndItsDeadLetterTopic() throws IOException {
        assertThat(ASYNCAPI).as("docs/asyncapi.yaml beside the modules").exists();
        JsonNode document = new YAMLMapper().readTree(Files.readString(ASYNCAPI));
        List<String> addresses = new ArrayList<>();
        document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));

        assertThat(document.path("asyncapi").asText()).startsWith("3.");
        assertThat(addresses).as("channel addresses of docs/asyncapi.yaml")
                .containsAll(Topics.ALL)
                .containsAll(Topics.ALL.stream().map(Topics::dlq).toList());
        String resultPayload = document.at("/components/messages/TrialResult/payload/$ref").asText();
        assertThat(resultPayload).as("nas.results payload refers to the shipped JSON Schema").endsWith(RESOURCE);
        assertThat(ASYNCAPI.resolveSibling(resultPayload)).exists();
    }

    private static String okJson(Consumer<ObjectNode> change) {
        TrialResult ok = new TrialResult(1, "exp-5", "exp", 5L, "r1_k3_s11_e1_i32_o16", TrialStatus.OK, null, 0.9,
                3.2, "pixel3", "pixel3-a", 0.88, 1000L, 20000L, 12.0, true, "s3://nas/x", 2L, null, AT, true,
                List.of(0, 1));
        ObjectNode node = EventJson.mapper().valueToTree(ok);
        change.accept(node);
        return node.toString();
    }

    private static List<String> violations(String json) {
        try {
            return schema.validate(EventJson.mapper().readTree(json)).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
