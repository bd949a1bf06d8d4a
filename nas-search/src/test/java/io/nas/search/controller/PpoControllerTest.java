package io.nas.search.controller;

import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import io.nas.search.Draw;
import io.nas.search.Observation;
import io.nas.search.PpoSettings;
import io.nas.search.SearchRuns;
import io.nas.search.TrialRandom;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PpoControllerTest {

    private final PpoController ppo = new PpoController(PpoSettings.DEFAULTS);

    @Test
    void sameSeedAndBatchesGiveBitIdenticalStatesAndDraws() {
        SearchSpace space = SearchSpaces.of("nb201");
        List<Observation> first = SearchRuns.controller(ppo, space, 17, 30, SearchRuns.hiddenTarget(space, 17));
        List<Observation> second = SearchRuns.controller(ppo, space, 17, 30, SearchRuns.hiddenTarget(space, 17));

        assertThat(second).isEqualTo(first);
        ControllerState a = ppo.initial(space, 17);
        ControllerState b = ppo.initial(space, 17);
        for (int from = 0; from < first.size(); from += ppo.batchSize()) {
            a = ppo.update(a, first.subList(from, from + ppo.batchSize()));
            List<Observation> arrivedBackwards = new ArrayList<>(second.subList(from, from + ppo.batchSize()));
            Collections.reverse(arrivedBackwards);
            b = ppo.update(b, arrivedBackwards);
        }
        assertThat(b.toBytes()).isEqualTo(a.toBytes());
        assertThat(ppo.initial(space, 18)).isNotEqualTo(ppo.initial(space, 17));
    }

    @Test
    void theFirstPolicyIsNearlyUniform() {
        SearchSpace space = SearchSpaces.of("nb201");
        Policy policy = ppo.policy(ppo.initial(space, 1).weights(), space);

        double logp = policy.logProbability(List.of(0, 1, 2, 3, 4, 0));

        assertThat(logp).isCloseTo(-6 * Math.log(5), within(0.3));
    }

    @Test
    void theSurrogateGradientVanishesWhereTheRatioIsClippedAndTheAdvantageAgrees() {
        Observation recorded = new Observation(1, List.of(0), Math.log(0.5), 1.0);
        double inRange = Math.log(0.5 * 1.1);
        double above = Math.log(0.5 * 1.5);
        double below = Math.log(0.5 * 0.5);

        assertThat(ppo.logProbabilityWeight(recorded, 2.0, inRange)).isCloseTo(1.1 * 2.0, within(1e-12));
        assertThat(ppo.logProbabilityWeight(recorded, 2.0, above)).isZero();
        assertThat(ppo.logProbabilityWeight(recorded, 2.0, below)).isCloseTo(0.5 * 2.0, within(1e-12));
        assertThat(ppo.logProbabilityWeight(recorded, -2.0, below)).isZero();
        // A stale sample now far likelier with a negative advantage keeps its (exact) ratio.
        assertThat(ppo.logProbabilityWeight(recorded, -2.0, above)).isCloseTo(1.5 * -2.0, within(1e-12));
    }

    @Test
    void refusesAnObservationWithoutAUsableLogProbability() {
        SearchSpace space = SearchSpaces.of("nb201");
        Observation broken = new Observation(4, List.of(0, 0, 0, 0, 0, 0), Double.NaN, 0.5);
        Observation outside = new Observation(5, List.of(0, 0, 0, 0, 0, 5), -1.0, 0.5);

        assertThatThrownBy(() -> ppo.update(ppo.initial(space, 1), List.of(broken)))
                .hasMessage("observation 4 logProbability must be finite and <= 0 for PPO's ratio, was NaN");
        assertThatThrownBy(() -> ppo.update(ppo.initial(space, 1), List.of(outside)))
                .hasMessage("observation 5: index 5 must be in [0, 5), was 5");
    }

    @Test
    void learnsAHiddenTargetOnNb201() {
        SearchSpace space = SearchSpaces.of("nb201");
        double uniform = SearchRuns.uniformExpectation(space);
        List<Observation> run = SearchRuns.controller(ppo, space, 1, 250, SearchRuns.hiddenTarget(space, 1));

        double late = SearchRuns.meanOfLast(run, 50);
        System.out.printf("ppo nb201 hidden target: mean reward of the last 50 of 250 trials %.3f, uniform %.3f%n",
                late, uniform);
        assertThat(late).isGreaterThan(uniform + 0.3);
    }

    @Test
    void learnsAHiddenTargetOnTheMnasNetCpuSpace() {
        SearchSpace space = SearchSpaces.of("mnasnet-cpu");
        double uniform = SearchRuns.uniformExpectation(space);
        List<Observation> run = SearchRuns.controller(ppo, space, 2, 250, SearchRuns.hiddenTarget(space, 2));

        double late = SearchRuns.meanOfLast(run, 50);
        System.out.printf("ppo mnasnet-cpu hidden target: mean reward of the last 50 of 250 trials %.3f, uniform %.3f%n",
                late, uniform);
        assertThat(late).isGreaterThan(uniform + 0.2);
    }

    @Test
    void aStaleResultIsWeightedByItsRecordedProbability() {
        // Without the entropy bonus, so that only the two samples' ratios move the policy.
        PpoSettings d = PpoSettings.DEFAULTS;
        PpoController ppo = new PpoController(new PpoSettings(d.learningRate(), d.batchSize(), d.baselineDecay(), 0.0,
                d.clip(), d.epochs(), d.hiddenSize(), d.maxGradientNorm()));
        SearchSpace space = SearchSpaces.of("nb201");
        ControllerState state = ppo.initial(space, 5);
        Policy before = ppo.policy(state.weights(), space);
        Draw draw = before.sample(TrialRandom.of(5, 1));
        // Fresh: the same candidate twice, rewards 1 and 0 around their mean; the two gradients cancel (up to
        // rounding, which Adam's epsilon keeps from moving anything measurably).
        List<Observation> fresh = List.of(Observation.of(1, draw, 1.0), Observation.of(2, draw, 0.0));
        // Stale: the rewarded one was drawn when it was e^2 times less likely; its ratio is clipped, so only the
        // unrewarded one pushes, away from the candidate.
        List<Observation> stale = List.of(new Observation(1, draw.indices(), draw.logProbability() - 2.0, 1.0),
                Observation.of(2, draw, 0.0));

        double afterFresh = ppo.policy(ppo.update(state, fresh).weights(), space).logProbability(draw.indices());
        double afterStale = ppo.policy(ppo.update(state, stale).weights(), space).logProbability(draw.indices());

        assertThat(afterFresh).isCloseTo(before.logProbability(draw.indices()), within(1e-9));
        assertThat(afterStale).isLessThan(afterFresh - 0.01);
    }
}
