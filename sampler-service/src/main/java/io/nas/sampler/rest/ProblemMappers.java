package io.nas.sampler.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.nas.sampler.security.ApiKeyAuthenticationMechanism;
import io.nas.sampler.service.ExperimentFinishedException;
import io.nas.sampler.service.InvalidExperimentException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Turns a refused request into JSON that says why: 400 naming the field and the rule it breaks, 401 naming the
 * headers that carry a credential, 409 when the experiment is no longer running.
 */
public class ProblemMappers {

    static final String SEND_A_KEY = "send 'Authorization: Bearer <key>' or '"
            + ApiKeyAuthenticationMechanism.API_KEY_HEADER + ": <key>' with one of the sampler's API keys "
            + "(nas.api.keys, NAS_API_KEYS)";

    /** The body of every refusal this service answers; {@code field} is left out where no field is at fault. */
    public record Problem(String field, String message) {
    }

    @ServerExceptionMapper
    public Response invalidExperiment(InvalidExperimentException e) {
        return problem(Response.Status.BAD_REQUEST, new Problem(e.field(), e.getMessage()));
    }

    /** A JSON value of the wrong type or shape ({@code "maxTrials": "many"}). */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return problem(Response.Status.BAD_REQUEST, unreadable(e));
    }

    /** JSON that does not parse, or a value a contract record refuses while it is read (an unknown preset). */
    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return problem(Response.Status.BAD_REQUEST, unreadable(json));
        }
        return e.getResponse();
    }

    /** A writing endpoint called without a credential. */
    @ServerExceptionMapper
    public Response noCredential(UnauthorizedException e) {
        return unauthorized("this request needs a credential: " + SEND_A_KEY);
    }

    /** A credential that is not one of the configured keys. */
    @ServerExceptionMapper
    public Response wrongCredential(AuthenticationFailedException e) {
        return unauthorized("the credential sent is not a known API key: " + SEND_A_KEY);
    }

    @ServerExceptionMapper
    public Response finished(ExperimentFinishedException e) {
        return problem(Response.Status.CONFLICT, new Problem("state", e.getMessage()));
    }

    static Response problem(Response.Status status, Problem problem) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(problem).build();
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .header("WWW-Authenticate", "Bearer")
                .entity(new Problem(null, message)).build();
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
