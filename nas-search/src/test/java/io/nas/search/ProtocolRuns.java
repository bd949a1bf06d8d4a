package io.nas.search;

import io.nas.contract.space.SearchSpace;
import io.nas.search.controller.ControllerState;
import io.nas.search.controller.Policy;
import io.nas.search.controller.PolicyController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One experiment as sampler, trainer and reward service run it, in one process and one thread, deterministic: the
 * same strategy, settings, seed and budget give the same run, and the same proposals the services make when results
 * come back in seq order. What it mirrors (sampler-service {@code ExperimentService}, {@code Experiment},
 * {@code CandidateSampler}; reward-service {@code TrialCloser}, {@code PolicyUpdater}):
 *
 * <ul>
 *   <li>Trials run one at a time ({@code maxInFlight} 1). The sampler proposes while the trial count is below
 *   {@code maxTrials} (when set) and the training seconds of the results received (duplicates excluded; nothing is
 *   in flight when it decides) are below {@code maxTrainingSeconds} (when set).</li>
 *   <li>Seq {@code s} is drawn from {@code TrialRandom.of(seed, s)}: {@code random} uniformly, {@code evolution}
 *   from every result received so far (duplicates included, each under its own seq, with its original's reward),
 *   {@code ppo} and {@code reinforce} from the newest policy version the sampler holds (version 0: the controller's
 *   initial state for the seed), decoded from the float32 weights the reward service publishes.</li>
 *   <li>A repeat of an architecture (equal canonical strings) already proposed names its first trial, is not
 *   trained, costs 0 seconds, takes the first trial's status and reward, is always counted, and enters the policy's
 *   batch with its own seq and its own recorded log-probability.</li>
 *   <li>The reward service adds each trained trial's seconds to the sum; a trial is counted when the sum, its own
 *   seconds included, is at most {@code maxTrainingSeconds}.</li>
 *   <li>Batch n is seqs {@code (n-1)B+1 .. nB}; version n is published when trial nB closes. {@code policyLag}
 *   says how many further proposals the sampler makes before version n reaches it: 0 when the policy arrives before
 *   the result that completed the batch, 1 when the result arrives first (two topics, no order between them).</li>
 *   <li>The answer is the counted OK trial with the highest reward, ties to the earlier seq.</li>
 * </ul>
 *
 * Duplicates cost no seconds, so a strategy that keeps proposing known architectures never spends a seconds budget:
 * like the sampler ({@code Experiment.converged}), a run with {@value #CONVERGED_DUPLICATES} duplicates or more that
 * make up half of its proposals stops, and so does one that reaches {@code guardProposals}; both are marked.
 */
public final class ProtocolRuns {

    /** The sampler's {@code Experiment.CONVERGED_DUPLICATES}. */
    static final int CONVERGED_DUPLICATES = 100;

    private ProtocolRuns() {
    }

    /** What the benchmark answers for a candidate: its reward and the training seconds it costs. */
    public interface Oracle {
        double reward(List<Integer> indices);

        double trainingSeconds(List<Integer> indices);
    }

    /**
     * An experiment's budget (either cap may be null, not both) and how the simulation runs: the policy's arrival
     * lag in proposals, and the proposal count at which a run that never spends its budget is stopped.
     */
    public record Budget(Integer maxTrials, Double maxTrainingSeconds, int policyLag, int guardProposals) {

        public Budget {
            if (maxTrials == null && maxTrainingSeconds == null) {
                throw new IllegalArgumentException("a budget needs maxTrials or maxTrainingSeconds");
            }
            if (policyLag < 0 || guardProposals < 1) {
                throw new IllegalArgumentException("policyLag must be >= 0 and guardProposals >= 1");
            }
        }

        /** The NAS-Bench-201 protocol: only a cap on simulated training seconds. */
        public static Budget seconds(double maxTrainingSeconds) {
            return new Budget(null, maxTrainingSeconds, 0, 20_000);
        }

        public Budget withPolicyLag(int lag) {
            return new Budget(maxTrials, maxTrainingSeconds, lag, guardProposals);
        }

        public Budget withMaxTrials(Integer trials) {
            return new Budget(trials, maxTrainingSeconds, policyLag, guardProposals);
        }

        public Budget withGuard(int proposals) {
            return new Budget(maxTrials, maxTrainingSeconds, policyLag, proposals);
        }
    }

    /** One trial as it ends up: what was drawn, from which policy version, what it cost and whether it counts. */
    public record Trial(long seq, List<Integer> indices, double logProbability, long policyVersion, Long duplicateOf,
                        double reward, double trainingSeconds, boolean counted) {

        public boolean duplicate() {
            return duplicateOf != null;
        }

        Observation observation() {
            return new Observation(seq, indices, logProbability, reward);
        }
    }

    /** A finished run: every trial in seq order, the answer, and whether the guard had to stop it. */
    public record Run(String strategy, long seed, List<Trial> trials, Optional<Trial> answer, boolean guardStopped,
                      long policyVersions) {

        public int trialCount() {
            return trials.size();
        }

        public long duplicates() {
            return trials.stream().filter(Trial::duplicate).count();
        }

        public double trainingSeconds() {
            return trials.stream().mapToDouble(Trial::trainingSeconds).sum();
        }
    }

    /** The draw of one seq and the policy version it came from. */
    private interface Proposer {
        Draw draw(long seq, List<Observation> history);

        long version();

        /** Tells the strategy that trial {@code closed} closed (in seq order). */
        default void closed(Trial closed) {
        }
    }

    /** Runs one experiment of {@code strategy} with {@code settings} (null: the defaults). */
    public static Run run(String strategy, Map<String, Object> settings, SearchSpace space, long seed, Budget budget,
                          Oracle oracle) {
        Proposer proposer = proposer(Strategies.settings(strategy, settings), space, seed, budget.policyLag());
        List<Trial> trials = new ArrayList<>();
        List<Observation> history = new ArrayList<>();
        Map<String, Trial> firstByArchitecture = new HashMap<>();
        double samplerSeconds = 0.0;
        double rewardServiceSeconds = 0.0;
        boolean guardStopped = false;
        while (budget.maxTrials() == null || trials.size() < budget.maxTrials()) {
            if (budget.maxTrainingSeconds() != null && samplerSeconds >= budget.maxTrainingSeconds()) {
                break;
            }
            long duplicates = trials.stream().filter(t -> t.duplicateOf() != null).count();
            boolean converged = duplicates >= CONVERGED_DUPLICATES && 2 * duplicates >= trials.size();
            if (converged || trials.size() >= budget.guardProposals()) {
                guardStopped = true;
                break;
            }
            long seq = trials.size() + 1L;
            Draw draw = proposer.draw(seq, history);
            long version = proposer.version();
            String architecture = space.canonical(draw.indices());
            Trial first = firstByArchitecture.get(architecture);
            Trial trial;
            if (first != null) {
                trial = new Trial(seq, draw.indices(), draw.logProbability(), version, first.seq(), first.reward(),
                        0.0, true);
            } else {
                double seconds = oracle.trainingSeconds(draw.indices());
                rewardServiceSeconds += seconds;
                boolean counted = budget.maxTrainingSeconds() == null
                        || rewardServiceSeconds <= budget.maxTrainingSeconds();
                trial = new Trial(seq, draw.indices(), draw.logProbability(), version, null,
                        oracle.reward(draw.indices()), seconds, counted);
                firstByArchitecture.put(architecture, trial);
            }
            trials.add(trial);
            history.add(trial.observation());
            samplerSeconds += trial.trainingSeconds();
            proposer.closed(trial);
        }
        Optional<Trial> answer = trials.stream().filter(Trial::counted)
                .max(Comparator.comparingDouble(Trial::reward).thenComparing(Comparator.comparingLong(Trial::seq)
                        .reversed()));
        return new Run(strategy, seed, List.copyOf(trials), answer, guardStopped, proposer.version());
    }

    private static Proposer proposer(StrategySettings settings, SearchSpace space, long seed, int policyLag) {
        if (settings instanceof RandomSettings) {
            return new Proposer() {
                @Override
                public Draw draw(long seq, List<Observation> history) {
                    return RandomSearch.draw(space, seed, seq);
                }

                @Override
                public long version() {
                    return 0;
                }
            };
        }
        if (settings instanceof EvolutionSettings evolutionSettings) {
            RegularizedEvolution evolution = new RegularizedEvolution(evolutionSettings);
            return new Proposer() {
                @Override
                public Draw draw(long seq, List<Observation> history) {
                    return evolution.next(space, history, seed, seq);
                }

                @Override
                public long version() {
                    return 0;
                }
            };
        }
        return new ControllerProposer(Strategies.controller(settings), space, seed, policyLag);
    }

    /** The reward service's controller state and the sampler's view of the published versions. */
    private static final class ControllerProposer implements Proposer {

        private final PolicyController controller;
        private final SearchSpace space;
        private final long seed;
        private final int policyLag;
        private final List<Observation> batch = new ArrayList<>();
        /** Published versions, index = version, and the seq after which each reaches the sampler. */
        private final List<Policy> published = new ArrayList<>();
        private final List<Long> arrivesAfterSeq = new ArrayList<>();
        private ControllerState state;
        private long held;

        ControllerProposer(PolicyController controller, SearchSpace space, long seed, int policyLag) {
            this.controller = controller;
            this.space = space;
            this.seed = seed;
            this.policyLag = policyLag;
            this.state = controller.initial(space, seed);
            published.add(controller.policy(controller.initial(space, seed).weights(), space));
            arrivesAfterSeq.add(0L);
        }

        @Override
        public Draw draw(long seq, List<Observation> history) {
            while (held + 1 < published.size() && arrivesAfterSeq.get((int) held + 1) < seq) {
                held++;
            }
            return published.get((int) held).sample(TrialRandom.of(seed, seq));
        }

        @Override
        public long version() {
            return held;
        }

        @Override
        public void closed(Trial trial) {
            batch.add(trial.observation());
            if (batch.size() == controller.batchSize()) {
                state = controller.update(state, batch);
                batch.clear();
                published.add(controller.policy(state.weights(), space));
                arrivesAfterSeq.add(trial.seq() + policyLag);
            }
        }
    }
}
