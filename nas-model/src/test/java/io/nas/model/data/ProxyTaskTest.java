package io.nas.model.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The held-out split is carved from the training set, disjoint from training, deterministic by seed. */
class ProxyTaskTest {

    private final ImageSet source = FashionMnistFixture.training();

    @Test
    void splitsHaveTheRequestedSizesAndAreDisjoint() {
        ProxyTask task = ProxyTask.carve(source, 5_000, 1_000, 7);

        assertThat(task.training().size()).isEqualTo(5_000);
        assertThat(task.validation().size()).isEqualTo(1_000);
        Set<Integer> train = set(task.trainIndices());
        Set<Integer> validation = set(task.validationIndices());
        assertThat(train).hasSize(5_000);
        assertThat(validation).hasSize(1_000);
        assertThat(train).doesNotContainAnyElementsOf(validation);
        assertThat(train).allMatch(i -> i >= 0 && i < 60_000);
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        ProxyTask first = ProxyTask.carve(source, 2_000, 500, 3);
        ProxyTask again = ProxyTask.carve(source, 2_000, 500, 3);
        ProxyTask other = ProxyTask.carve(source, 2_000, 500, 4);

        assertThat(again.trainIndices()).isEqualTo(first.trainIndices());
        assertThat(again.validationIndices()).isEqualTo(first.validationIndices());
        assertThat(other.validationIndices()).isNotEqualTo(first.validationIndices());
        assertThat(first.validation().image(0)).isEqualTo(source.image(first.validationIndices()[0]));
        assertThat(first.validation().label(0)).isEqualTo(source.label(first.validationIndices()[0]));
    }

    @Test
    void theValidationSplitOfASeedDoesNotDependOnTheTrainingBudget() {
        ProxyTask small = ProxyTask.carve(source, 1_000, 500, 11);
        ProxyTask large = ProxyTask.carve(source, 20_000, 500, 11);

        assertThat(large.validationIndices()).isEqualTo(small.validationIndices());
    }

    @Test
    void theSplitCoversEveryClass() {
        ProxyTask task = ProxyTask.carve(source, 2_000, 1_000, 5);

        assertThat(Arrays.stream(task.validation().classCounts()).min().getAsInt()).isGreaterThan(50);
        assertThat(Arrays.stream(task.training().classCounts()).min().getAsInt()).isGreaterThan(100);
    }

    @Test
    void moreExamplesThanTheSourceHoldsAreRefused() {
        assertThatThrownBy(() -> ProxyTask.carve(source, 59_500, 1_000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceed");
    }

    private static Set<Integer> set(int[] indices) {
        return new HashSet<>(Arrays.stream(indices).boxed().toList());
    }
}
