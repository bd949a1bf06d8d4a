package io.nas.reward.rest;

import io.nas.contract.event.TrialResult;
import io.nas.reward.domain.ParetoFrontRecord;
import io.nas.reward.domain.PolicyVersionRecord;
import io.nas.reward.domain.RewardExperiment;
import io.nas.reward.domain.TrialJoin;
import io.nas.search.reward.ParetoFront;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** What the reward service knows of an experiment: its results, its Pareto fronts and its policy versions. */
@Path("/experiments/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "results")
public class ExperimentResultsResource {

    /** One device type's accuracy/latency front, points by rising latency. */
    public record Front(String experimentId, String deviceType, List<ParetoFront.Point> points) {
    }

    /** One policy version: the trials it learned from and their mean reward. */
    public record PolicyVersion(long version, String strategy, long firstSeq, long lastSeq, double meanReward,
                                int parameterBytes, String parametersUri, Instant publishedAt) {
    }

    @GET
    @Path("/results")
    @Operation(summary = "The experiment's closed trials, as published on nas.results, by seq")
    @APIResponse(responseCode = "404", description = "No result of this experiment has been seen")
    public List<TrialResult> results(@PathParam("id") String id) {
        requireKnown(id);
        return TrialJoin.closed(id).stream().map(TrialJoin::toResult).toList();
    }

    @GET
    @Path("/pareto")
    @Operation(summary = "The accuracy/latency Pareto front per device type (or of one, with deviceType)")
    @APIResponse(responseCode = "404", description = "No result of this experiment has been seen")
    public List<Front> pareto(@PathParam("id") String id, @QueryParam("deviceType") String deviceType) {
        requireKnown(id);
        return ParetoFrontRecord.ofExperiment(id).stream()
                .filter(record -> deviceType == null || record.deviceType.equals(deviceType))
                .map(record -> new Front(id, record.deviceType, record.front().points()))
                .toList();
    }

    @GET
    @Path("/policy")
    @Operation(summary = "The policy versions published for the experiment (ppo and reinforce)")
    @APIResponse(responseCode = "404", description = "No result of this experiment has been seen")
    public List<PolicyVersion> policy(@PathParam("id") String id) {
        requireKnown(id);
        return PolicyVersionRecord.ofExperiment(id).stream()
                .map(r -> new PolicyVersion(r.version, r.strategy, r.firstSeq, r.lastSeq, r.meanReward,
                        r.parameterBytes, r.parametersUri, r.publishedAt))
                .toList();
    }

    private static void requireKnown(String id) {
        if (RewardExperiment.findById(id) == null) {
            throw new NotFoundException("experiment " + id + " is not known here: it was never announced on "
                    + "nas.experiments");
        }
    }
}
