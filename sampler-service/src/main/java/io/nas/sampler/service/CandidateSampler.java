package io.nas.sampler.service;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.TrialStatus;
import io.nas.contract.space.SearchSpace;
import io.nas.sampler.domain.Experiment;
import io.nas.sampler.domain.PolicySnapshot;
import io.nas.sampler.domain.ProcessedTrial;
import io.nas.sampler.domain.ProposedTrial;
import io.nas.search.Draw;
import io.nas.search.Observation;
import io.nas.search.RandomSearch;
import io.nas.search.RegularizedEvolution;
import io.nas.search.Strategies;
import io.nas.search.TrialRandom;
import io.nas.search.controller.Policy;
import io.nas.search.controller.PolicyController;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Draws an experiment's candidates with its strategy, each from the random stream {@code TrialRandom.of(seed, seq)},
 * so the same seed and the same results give the same proposals:
 * {@code random} uniformly; {@code evolution} from the results received so far; {@code ppo} and {@code reinforce}
 * from the newest policy version held (version 0 is the controller's initial policy for the seed, the one the
 * reward service starts from).
 */
@ApplicationScoped
public class CandidateSampler {

    /** A drawn candidate and the policy version it was drawn from (0 for strategies without a policy). */
    public record Candidate(Draw draw, long policyVersion) {
    }

    /** The draws of one round of proposals: the history and the policy stay as they were when the round began. */
    @FunctionalInterface
    public interface Round {
        Candidate draw(long seq);
    }

    private final PolicyCache policies;

    public CandidateSampler(PolicyCache policies) {
        this.policies = policies;
    }

    public Round round(Experiment experiment, ExperimentSpec spec, SearchSpace space) {
        long seed = experiment.seed;
        return switch (experiment.strategy) {
            case Strategies.RANDOM -> seq -> new Candidate(RandomSearch.draw(space, seed, seq), 0L);
            case Strategies.EVOLUTION -> {
                RegularizedEvolution evolution = Strategies.evolution(spec.strategySettings());
                List<Observation> history = history(experiment.id, spec);
                yield seq -> new Candidate(evolution.next(space, history, seed, seq), 0L);
            }
            default -> {
                long version = experiment.policyVersion;
                Policy policy = policy(experiment, spec, space);
                yield seq -> new Candidate(policy.sample(TrialRandom.of(seed, seq)), version);
            }
        };
    }

    /** Decodes published parameters, refusing those of another strategy or space; keeps the policy for the draws. */
    public Policy accept(Experiment experiment, ExperimentSpec spec, SearchSpace space, long version, byte[] parameters) {
        Policy policy = controller(spec).policy(parameters, space);
        policies.put(experiment.id, version, policy);
        return policy;
    }

    private Policy policy(Experiment experiment, ExperimentSpec spec, SearchSpace space) {
        long version = experiment.policyVersion;
        return policies.get(experiment.id, version, () -> {
            PolicyController controller = controller(spec);
            if (version == 0) {
                return controller.policy(controller.initial(space, experiment.seed).weights(), space);
            }
            PolicySnapshot snapshot = PolicySnapshot.findById(experiment.id);
            if (snapshot == null || snapshot.version != version) {
                throw new IllegalStateException("experiment " + experiment.id + " holds policy version " + version
                        + " but its snapshot is " + (snapshot == null ? "missing" : "version " + snapshot.version));
            }
            return controller.policy(snapshot.parameters, space);
        });
    }

    private static PolicyController controller(ExperimentSpec spec) {
        return Strategies.controller(spec.strategy(), spec.strategySettings());
    }

    /**
     * Every result received, in seq order, with the indices proposed and its reward; a failed trial without a
     * reported reward gets the experiment's failed reward, and an OK one without a reward (nothing to judge it by)
     * is left out.
     */
    private static List<Observation> history(String experimentId, ExperimentSpec spec) {
        double failedReward = spec.reward() == null || spec.reward().failedReward() == null ? 0.0
                : spec.reward().failedReward();
        Map<String, ProposedTrial> proposals = ProposedTrial.<ProposedTrial>list("experimentId", experimentId)
                .stream().collect(Collectors.toMap(p -> p.trialId, Function.identity()));
        List<Observation> history = new ArrayList<>();
        for (ProcessedTrial result : ProcessedTrial.bySeq(experimentId)) {
            ProposedTrial proposal = proposals.get(result.trialId);
            Double reward = result.reward != null ? result.reward
                    : result.status != TrialStatus.OK ? Double.valueOf(failedReward) : null;
            if (proposal != null && reward != null) {
                history.add(new Observation(result.seq, proposal.indexList(), proposal.logProbability, reward));
            }
        }
        return history;
    }
}
