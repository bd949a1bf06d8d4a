package io.nas.sampler.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.nas.sampler.service.InvalidExperimentException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Turns a request the service refuses into 400 with a body naming the field and the rule it breaks. */
public class BadRequestMappers {

    /** The body of every 400 this service answers. */
    public record Problem(String field, String message) {
    }

    @ServerExceptionMapper
    public Response invalidExperiment(InvalidExperimentException e) {
        return badRequest(new Problem(e.field(), e.getMessage()));
    }

    /** A JSON value of the wrong type or shape ({@code "maxTrials": "many"}). */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return badRequest(unreadable(e));
    }

    /** JSON that does not parse, or a value a contract record refuses while it is read (an unknown preset). */
    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badRequest(unreadable(json));
        }
        return e.getResponse();
    }

    private static Response badRequest(Problem problem) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(problem).build();
    }

    /** The JSON path names the field; the innermost message (the contract's own when it refused) names the rule. */
    private static Problem unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                                : "[" + reference.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : "body";
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            // The contract's records name the nested field themselves: "space.preset must be one of ...".
            String named = cause.getMessage().split(" ", 2)[0];
            return new Problem(named.startsWith(field) ? named : field, cause.getMessage());
        }
        return new Problem(field, field + " is not readable: " + e.getOriginalMessage());
    }
}
