package io.nas.sampler.rest;

import io.nas.contract.event.ExperimentSpec;
import io.nas.sampler.domain.ExperimentView;
import io.nas.sampler.service.ExperimentService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Starts experiments and answers their state and trial counts. */
@Path("/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
public class ExperimentResource {

    private final ExperimentService experiments;

    public ExperimentResource(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @POST
    @Operation(summary = "Start an experiment", description = "Stores it, publishes it RUNNING on nas.experiments "
            + "and proposes its first maxInFlight trials on nas.proposals.")
    @APIResponse(responseCode = "201", description = "The experiment, with its id")
    @APIResponse(responseCode = "400", description = "A field breaks a rule; the answer names the field")
    public RestResponse<ExperimentView> create(ExperimentSpec spec, UriInfo uri) {
        ExperimentView created = experiments.create(spec);
        return RestResponse.ResponseBuilder.<ExperimentView>created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An experiment's state and how many trials were proposed, completed and failed")
    @APIResponse(responseCode = "200", description = "The experiment")
    @APIResponse(responseCode = "404", description = "No experiment has this id")
    public ExperimentView get(@PathParam("id") String id) {
        return experiments.find(id).orElseThrow(() -> new NotFoundException("no experiment " + id));
    }
}
