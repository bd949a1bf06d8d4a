package io.nas.sampler.rest;

import io.nas.contract.event.ExperimentSpec;
import io.nas.sampler.domain.ExperimentView;
import io.nas.sampler.security.ApiKeyAuthenticationMechanism;
import io.nas.sampler.service.ExperimentService;
import io.nas.sampler.service.InvalidExperimentException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * Starts, stops and answers experiments. Reading is open; creating and stopping need an API key, sent as
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
 */
@Path("/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
@SecurityScheme(securitySchemeName = ExperimentResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "One of the sampler's API keys (nas.api.keys) as a bearer token")
@SecurityScheme(securitySchemeName = ExperimentResource.API_KEY, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = ApiKeyAuthenticationMechanism.API_KEY_HEADER,
        description = "One of the sampler's API keys (nas.api.keys)")
public class ExperimentResource {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    static final int MAX_LISTED = 1000;

    private final ExperimentService experiments;

    public ExperimentResource(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = BEARER)
    @SecurityRequirement(name = API_KEY)
    @Operation(summary = "Start an experiment", description = "Checks the spec and fills its defaults, stores it, "
            + "publishes it RUNNING on nas.experiments and proposes its first trials on nas.proposals.")
    @APIResponse(responseCode = "201", description = "The experiment, with its id and the spec as it will run")
    @APIResponse(responseCode = "400", description = "A field breaks a rule; the answer names the field")
    @APIResponse(responseCode = "401", description = "No API key, or not a known one; the answer names the headers")
    public RestResponse<ExperimentView> create(ExperimentSpec spec, UriInfo uri) {
        ExperimentView created = experiments.create(spec);
        return RestResponse.ResponseBuilder.<ExperimentView>created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Operation(summary = "The experiments, newest first")
    @APIResponse(responseCode = "200", description = "At most limit experiments")
    @APIResponse(responseCode = "400", description = "limit is out of range")
    public List<ExperimentView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw new InvalidExperimentException("limit", "must be between 1 and " + MAX_LISTED + ", was " + limit);
        }
        return experiments.newestFirst(limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An experiment's state, trial counts, budget used and limits, best trial and policy version")
    @APIResponse(responseCode = "200", description = "The experiment")
    @APIResponse(responseCode = "404", description = "No experiment has this id")
    public ExperimentView get(@PathParam("id") String id) {
        return experiments.find(id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("/{id}/stop")
    @Authenticated
    @SecurityRequirement(name = BEARER)
    @SecurityRequirement(name = API_KEY)
    @Operation(summary = "Stop an experiment", description = "Publishes it STOPPED on nas.experiments and proposes "
            + "nothing more; results of trials in flight are still counted.")
    @APIResponse(responseCode = "200", description = "The stopped experiment")
    @APIResponse(responseCode = "401", description = "No API key, or not a known one; the answer names the headers")
    @APIResponse(responseCode = "404", description = "No experiment has this id")
    @APIResponse(responseCode = "409", description = "The experiment is already stopped or done")
    public ExperimentView stop(@PathParam("id") String id) {
        return experiments.stop(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException(ProblemMappers.problem(Response.Status.NOT_FOUND,
                new ProblemMappers.Problem("id", "no experiment " + id)));
    }
}
