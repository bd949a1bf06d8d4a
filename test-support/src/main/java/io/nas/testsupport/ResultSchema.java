package io.nas.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The published JSON Schema of a {@code nas.results} record (nas-contract's {@value #RESOURCE}), so a test can check
 * that what a service publishes is what other systems were promised. Formats ({@code date-time}) are asserted.
 */
public final class ResultSchema {

    /** Class-path location of the schema, shipped in the nas-contract jar. */
    public static final String RESOURCE = "io/nas/contract/schema/trial-result.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = load();

    private ResultSchema() {
    }

    /**
     * What is wrong with {@code json} as a {@code nas.results} record, one line per violation, each starting with
     * the location it concerns ({@code $.accuracy: ...}, or {@code $: required property 'trialId' ...}); empty when
     * the record is valid.
     */
    public static List<String> violations(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("$: not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("$: not JSON: empty document");
        }
        return SCHEMA.validate(node).stream().map(Error::toString).toList();
    }

    /** Fails with every violation when {@code json} is not a valid {@code nas.results} record. */
    public static void assertValid(String json) {
        List<String> violations = violations(json);
        if (!violations.isEmpty()) {
            throw new AssertionError("not a valid nas.results record: " + violations + "\n" + json);
        }
    }

    private static Schema load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(
                        SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .pathType(PathType.JSON_PATH)
                                .locale(Locale.ENGLISH)
                                .build()));
        try (InputStream in = ResultSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (nas-contract's jar holds it)");
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
