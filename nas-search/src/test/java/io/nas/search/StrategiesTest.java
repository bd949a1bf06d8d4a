package io.nas.search;

import io.nas.search.controller.PpoController;
import io.nas.search.controller.ReinforceController;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategiesTest {

    @Test
    void namesTheFourStrategiesAndWhichAreControllers() {
        assertThat(Strategies.names()).containsExactly("random", "reinforce", "ppo", "evolution");
        assertThat(Strategies.names()).filteredOn(Strategies::isController).containsExactly("reinforce", "ppo");
    }

    @Test
    void emptyOrMissingSettingsTakeTheDefaults() {
        assertThat(Strategies.settings("ppo", null)).isEqualTo(PpoSettings.DEFAULTS);
        assertThat(Strategies.settings("reinforce", Map.of())).isEqualTo(ReinforceSettings.DEFAULTS);
        assertThat(Strategies.settings("evolution", Map.of())).isEqualTo(EvolutionSettings.DEFAULTS);
        assertThat(Strategies.settings("random", Map.of())).isEqualTo(new RandomSettings());
        assertThat(PpoSettings.DEFAULTS.hiddenSize()).isEqualTo(64);
        assertThat(PpoSettings.DEFAULTS.clip()).isEqualTo(0.2);
        assertThat(ReinforceSettings.DEFAULTS.baselineDecay()).isEqualTo(0.95);
    }

    @Test
    void readsNumbersAndNumericStrings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("learningRate", "0.01");
        settings.put("batchSize", 8.0);
        settings.put("epochs", 2L);
        settings.put("hiddenSize", "16");
        settings.put("clip", null);

        PpoSettings ppo = (PpoSettings) Strategies.settings("ppo", settings);

        assertThat(ppo.learningRate()).isEqualTo(0.01);
        assertThat(ppo.batchSize()).isEqualTo(8);
        assertThat(ppo.epochs()).isEqualTo(2);
        assertThat(ppo.hiddenSize()).isEqualTo(16);
        assertThat(ppo.clip()).isEqualTo(PpoSettings.DEFAULT_CLIP);
        assertThat(Strategies.settings("ppo", ppo.asMap())).isEqualTo(ppo);
    }

    @Test
    void refusesInvalidValuesNamingTheKeyAndTheRule() {
        assertThatThrownBy(() -> Strategies.settings("reinforce", Map.of("batchSize", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategySettings.batchSize must be >= 1, was 0");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("learningRate", 0)))
                .hasMessage("strategySettings.learningRate must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("baselineDecay", 1)))
                .hasMessage("strategySettings.baselineDecay must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("clip", 1.5)))
                .hasMessage("strategySettings.clip must be in (0, 1), was 1.5");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("entropyWeight", -0.1)))
                .hasMessage("strategySettings.entropyWeight must be a finite number >= 0, was -0.1");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("hiddenSize", 4096)))
                .hasMessage("strategySettings.hiddenSize must be <= 128, was 4096");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("epochs", 2.5)))
                .hasMessage("strategySettings.epochs must be an integer, was 2.5");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("learningRate", true)))
                .hasMessage("strategySettings.learningRate must be a number, was true");
        assertThatThrownBy(() -> Strategies.settings("ppo", Map.of("learningRate", "fast")))
                .hasMessage("strategySettings.learningRate must be a number, was 'fast'");
        assertThatThrownBy(() -> Strategies.settings("evolution", Map.of("populationSize", 10, "sampleSize", 11)))
                .hasMessage("strategySettings.sampleSize must be <= strategySettings.populationSize (10), was 11");
        assertThatThrownBy(() -> new RegularizedEvolution(1, 1))
                .hasMessage("strategySettings.populationSize must be >= 2, was 1");
    }

    @Test
    void refusesUnknownKeysListingTheKnownOnes() {
        assertThatThrownBy(() -> Strategies.settings("evolution", Map.of("mutationRate", 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategySettings.mutationRate is not a setting of strategy 'evolution'; "
                        + "known: [populationSize, sampleSize]");
        assertThatThrownBy(() -> Strategies.settings("random", Map.of("batchSize", 4)))
                .hasMessage("strategySettings.batchSize is not a setting of strategy 'random'; known: none");
    }

    @Test
    void refusesAnUnknownStrategyListingTheFour() {
        assertThatThrownBy(() -> Strategies.settings("bayesian", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy must be one of [random, reinforce, ppo, evolution], was 'bayesian'");
        assertThatThrownBy(() -> Strategies.isController(null))
                .hasMessage("strategy must be one of [random, reinforce, ppo, evolution], was null");
    }

    @Test
    void buildsControllersOnlyForPolicyGradientStrategies() {
        assertThat(Strategies.controller("ppo", Map.of("batchSize", 3)))
                .isInstanceOf(PpoController.class)
                .satisfies(c -> assertThat(c.batchSize()).isEqualTo(3));
        assertThat(Strategies.controller("reinforce", Map.of())).isInstanceOf(ReinforceController.class);
        assertThatThrownBy(() -> Strategies.controller("evolution", Map.of()))
                .hasMessage("strategy 'evolution' is not a policy-gradient controller; those are [reinforce, ppo]");
        assertThat(Strategies.evolution(Map.of("populationSize", 8, "sampleSize", 2)).populationSize()).isEqualTo(8);
    }
}
