package io.nas.contract.arch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON form of an architecture, e.g. {@code {"family":"mnasnet","blocks":[{"repeats":1,"kernel":3,...}]}} or
 * {@code {"family":"nb201","edges":["nor_conv_3x3",...]}}. Unknown fields are ignored, absent optional fields
 * take their defaults (no squeeze-excitation, MBConv, identity skip, paired stride).
 */
public final class ArchitectureJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ArchitectureJson() {
    }

    public static String write(Architecture architecture) {
        try {
            return MAPPER.writerFor(Architecture.class).writeValueAsString(architecture);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("architecture has no JSON form: " + architecture, e);
        }
    }

    /** Reads either family; a document that breaks a rule is refused with the rule in the message. */
    public static Architecture read(String json) {
        try {
            return MAPPER.readValue(json, Architecture.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an architecture: " + e.getOriginalMessage(), e);
        }
    }
}
