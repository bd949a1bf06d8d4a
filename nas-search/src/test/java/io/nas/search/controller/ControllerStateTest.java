package io.nas.search.controller;

import io.nas.contract.event.PolicyPublished;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import io.nas.search.Draw;
import io.nas.search.Observation;
import io.nas.search.PpoSettings;
import io.nas.search.ReinforceSettings;
import io.nas.search.SearchRuns;
import io.nas.search.Strategies;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControllerStateTest {

    private final SearchSpace space = SearchSpaces.of("nb201");
    private final PolicyController ppo = new PpoController(PpoSettings.DEFAULTS);
    private final PolicyController reinforce = new ReinforceController(ReinforceSettings.DEFAULTS);

    private ControllerState trained(PolicyController controller) {
        List<Observation> history = SearchRuns.controller(controller, space, 3, 2 * controller.batchSize(),
                SearchRuns.hiddenTarget(space, 3));
        ControllerState state = controller.initial(space, 3);
        state = controller.update(state, history.subList(0, controller.batchSize()));
        return controller.update(state, history.subList(controller.batchSize(), history.size()));
    }

    @Test
    void theFullStateRoundTripsThroughBytes() {
        for (PolicyController controller : List.of(ppo, reinforce)) {
            ControllerState state = trained(controller);

            ControllerState read = controller.state(state.toBytes());

            assertThat(read).isEqualTo(state);
            assertThat(read.updates()).isEqualTo(2);
            assertThat(read.baseline()).isPresent();
            assertThat(read.optimizerSteps()).isEqualTo(controller == ppo ? 2L * PpoSettings.DEFAULT_EPOCHS : 2L);
            assertThat(read.toBytes()).isEqualTo(state.toBytes());
        }
    }

    @Test
    void weightsCarryWhatSamplingNeedsAsFloats() {
        ControllerState state = trained(ppo);
        Policy fromWeights = ppo.policy(state.weights(), space);

        Draw draw = fromWeights.sample(new SplittableRandom(1));

        assertThat(fromWeights.logProbability(draw.indices())).isEqualTo(draw.logProbability());
        assertThat(state.weights().length).isLessThan(state.toBytes().length / 5);
        assertThat(ppo.policy(state.weights(), space).sample(new SplittableRandom(1))).isEqualTo(draw);
    }

    @Test
    void mnasNetSizedWeightsFitInlineInAPolicyEvent() {
        ControllerState state = ppo.initial(SearchSpaces.of("mnasnet-fused"), 1);

        assertThat(state.shape().optionCounts()).hasSize(42);
        assertThat(state.weights().length).isLessThan(PolicyPublished.MAX_INLINE_BYTES);
        System.out.printf("ppo weights for mnasnet-fused, hidden 64: %d bytes%n", state.weights().length);
    }

    @Test
    void refusesAnotherFormatVersionSayingWhich() {
        byte[] state = ppo.initial(space, 1).toBytes();
        ByteBuffer.wrap(state).putInt(4, 99);
        byte[] weights = ppo.initial(space, 1).weights();
        ByteBuffer.wrap(weights).putInt(4, 2);

        assertThatThrownBy(() -> ControllerState.fromBytes(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("controller state format version 99 is not supported; this build reads version 1");
        assertThatThrownBy(() -> ppo.policy(weights, space))
                .hasMessage("policy weights format version 2 is not supported; this build reads version 1");
    }

    @Test
    void refusesBytesOfAnotherKindOrTruncated() {
        ControllerState state = ppo.initial(space, 1);

        assertThatThrownBy(() -> ControllerState.fromBytes(state.weights()))
                .hasMessageStartingWith("these bytes are not controller state");
        assertThatThrownBy(() -> ppo.policy(state.toBytes(), space))
                .hasMessageStartingWith("these bytes are not policy weights");
        byte[] bytes = state.toBytes();
        assertThatThrownBy(() -> ControllerState.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesWeightsOfAnotherStrategySpaceOrHiddenSize() {
        byte[] ppoWeights = ppo.initial(space, 1).weights();

        assertThatThrownBy(() -> reinforce.policy(ppoWeights, space))
                .hasMessage("a reinforce controller cannot use a ppo policy");
        assertThatThrownBy(() -> ppo.policy(ppoWeights, SearchSpaces.of("mnasnet-cpu")))
                .hasMessageStartingWith("ppo policy was made for decisions with option counts [5, 5, 5, 5, 5, 5]");
        PolicyController small = Strategies.controller("ppo", Map.of("hiddenSize", 8));
        assertThatThrownBy(() -> small.update(ppo.initial(space, 1), List.of()))
                .hasMessage("the policy has hidden size 64, strategySettings.hiddenSize is 8");
    }

    @Test
    void anUpdateLeavesItsInputStateAlone() {
        ControllerState state = trained(ppo);
        byte[] before = state.toBytes();
        List<Observation> batch = SearchRuns.controller(ppo, space, 9, ppo.batchSize(),
                SearchRuns.hiddenTarget(space, 9));

        ControllerState next = ppo.update(state, batch);

        assertThat(state.toBytes()).isEqualTo(before);
        assertThat(next).isNotEqualTo(state);
        assertThat(next.updates()).isEqualTo(state.updates() + 1);
    }
}
