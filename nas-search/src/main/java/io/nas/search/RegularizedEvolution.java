package io.nas.search;

import io.nas.contract.space.Decision;
import io.nas.contract.space.SearchSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Regularized (aging) evolution, Real et al. 2019, as a pure function of the results received so far, so a
 * restarted sampler rebuilds it from its history alone.
 *
 * <ul>
 *   <li>The population is the {@code populationSize} observations with the highest seq: the oldest die first, by
 *   seq (proposal order), not by arrival.</li>
 *   <li>Until that many results exist, candidates are uniform draws, the very draws {@link RandomSearch} makes for
 *   the same (seed, seq).</li>
 *   <li>Then {@code sampleSize} members are drawn uniformly <em>with</em> replacement, as in the paper's algorithm;
 *   the parent is the one with the highest reward (ties: the higher seq, i.e. the younger).</li>
 *   <li>The child is the parent with exactly one decision changed to another option: the decision uniform among
 *   those with more than one option, the new option uniform among the others.</li>
 * </ul>
 *
 * A mutated child's log-probability is that of the mutation given its parent, {@code -log(m) - log(k - 1)} for
 * m mutable decisions and k options of the one changed; it is not the probability of the candidate under the
 * whole procedure (which depends on the history) and nothing learns from it.
 */
public final class RegularizedEvolution {

    private final int populationSize;
    private final int sampleSize;

    public RegularizedEvolution(int populationSize, int sampleSize) {
        this(new EvolutionSettings(populationSize, sampleSize));
    }

    public RegularizedEvolution(EvolutionSettings settings) {
        this.populationSize = settings.populationSize();
        this.sampleSize = settings.sampleSize();
    }

    public int populationSize() {
        return populationSize;
    }

    public int sampleSize() {
        return sampleSize;
    }

    /** The candidate for trial {@code seq}, given every result received so far (in any order). */
    public Draw next(SearchSpace space, List<Observation> history, long seed, long seq) {
        SplittableRandom random = TrialRandom.of(seed, seq);
        if (history.size() < populationSize) {
            return RandomSearch.draw(space, random);
        }
        List<Observation> population = population(space, history);
        Observation parent = population.get(random.nextInt(population.size()));
        for (int s = 1; s < sampleSize; s++) {
            Observation contender = population.get(random.nextInt(population.size()));
            if (contender.reward() > parent.reward()
                    || contender.reward() == parent.reward() && contender.seq() > parent.seq()) {
                parent = contender;
            }
        }
        return mutate(space, parent.indices(), random);
    }

    /** The youngest {@code populationSize} observations, in seq order. */
    private List<Observation> population(SearchSpace space, List<Observation> history) {
        List<Observation> bySeq = new ArrayList<>(history);
        bySeq.sort(Comparator.comparingLong(Observation::seq));
        for (int i = 1; i < bySeq.size(); i++) {
            if (bySeq.get(i).seq() == bySeq.get(i - 1).seq()) {
                throw new IllegalArgumentException("the history holds seq " + bySeq.get(i).seq() + " twice");
            }
        }
        List<Observation> population = bySeq.subList(bySeq.size() - populationSize, bySeq.size());
        population.forEach(o -> space.requireIndices(o.indices()));
        return population;
    }

    private static Draw mutate(SearchSpace space, List<Integer> parent, SplittableRandom random) {
        List<Decision> decisions = space.decisions();
        List<Integer> mutable = new ArrayList<>();
        for (int d = 0; d < decisions.size(); d++) {
            if (decisions.get(d).size() > 1) {
                mutable.add(d);
            }
        }
        if (mutable.isEmpty()) {
            return new Draw(parent, 0.0);
        }
        int decision = mutable.get(random.nextInt(mutable.size()));
        int options = decisions.get(decision).size();
        int option = random.nextInt(options - 1);
        if (option >= parent.get(decision)) {
            option++;
        }
        List<Integer> child = new ArrayList<>(parent);
        child.set(decision, option);
        return new Draw(child, -StrictMath.log(mutable.size()) - StrictMath.log(options - 1));
    }
}
