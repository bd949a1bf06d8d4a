package io.nas.search;

import io.nas.search.controller.PolicyController;
import io.nas.search.controller.PpoController;
import io.nas.search.controller.ReinforceController;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The search strategies an experiment can name, and the one place their {@code strategySettings} are read:
 * JSON-ish values (numbers, or strings holding numbers; null means "use the default"), unknown keys refused.
 *
 * <ul>
 *   <li>{@code random}: uniform draws ({@link RandomSearch}); no settings.</li>
 *   <li>{@code reinforce}: REINFORCE on independent logits ({@link ReinforceController}, {@link ReinforceSettings}).</li>
 *   <li>{@code ppo}: MnasNet's LSTM controller trained with PPO ({@link PpoController}, {@link PpoSettings}).</li>
 *   <li>{@code evolution}: regularized evolution ({@link RegularizedEvolution}, {@link EvolutionSettings}).</li>
 * </ul>
 *
 * {@code reinforce} and {@code ppo} are policy-gradient controllers: the reward service updates them and the
 * sampler draws from their published weights. {@code random} and {@code evolution} live in the sampler alone.
 */
public final class Strategies {

    public static final String RANDOM = "random";
    public static final String REINFORCE = "reinforce";
    public static final String PPO = "ppo";
    public static final String EVOLUTION = "evolution";

    private static final List<String> NAMES = List.of(RANDOM, REINFORCE, PPO, EVOLUTION);

    private Strategies() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** Whether the strategy is a policy-gradient controller, updated by the reward service. */
    public static boolean isController(String strategy) {
        requireKnown(strategy);
        return strategy.equals(REINFORCE) || strategy.equals(PPO);
    }

    /** Validated settings with defaults filled in; refuses an unknown strategy, key or value, naming it. */
    public static StrategySettings settings(String strategy, Map<String, Object> strategySettings) {
        requireKnown(strategy);
        SettingsReader read = new SettingsReader(strategySettings);
        return switch (strategy) {
            case RANDOM -> read.done(new RandomSettings());
            case REINFORCE -> read.done(new ReinforceSettings(
                    read.decimal("learningRate", ReinforceSettings.DEFAULT_LEARNING_RATE),
                    read.integer("batchSize", ReinforceSettings.DEFAULT_BATCH_SIZE),
                    read.decimal("baselineDecay", ReinforceSettings.DEFAULT_BASELINE_DECAY),
                    read.decimal("entropyWeight", ReinforceSettings.DEFAULT_ENTROPY_WEIGHT)));
            case PPO -> read.done(new PpoSettings(
                    read.decimal("learningRate", PpoSettings.DEFAULT_LEARNING_RATE),
                    read.integer("batchSize", PpoSettings.DEFAULT_BATCH_SIZE),
                    read.decimal("baselineDecay", PpoSettings.DEFAULT_BASELINE_DECAY),
                    read.decimal("entropyWeight", PpoSettings.DEFAULT_ENTROPY_WEIGHT),
                    read.decimal("clip", PpoSettings.DEFAULT_CLIP),
                    read.integer("epochs", PpoSettings.DEFAULT_EPOCHS),
                    read.integer("hiddenSize", PpoSettings.DEFAULT_HIDDEN_SIZE),
                    read.decimal("maxGradientNorm", PpoSettings.DEFAULT_MAX_GRADIENT_NORM)));
            default -> read.done(new EvolutionSettings(
                    read.integer("populationSize", EvolutionSettings.DEFAULT_POPULATION_SIZE),
                    read.integer("sampleSize", EvolutionSettings.DEFAULT_SAMPLE_SIZE)));
        };
    }

    /** The controller of {@code reinforce} or {@code ppo}; refuses the other strategies. */
    public static PolicyController controller(String strategy, Map<String, Object> strategySettings) {
        return controller(settings(strategy, strategySettings));
    }

    public static PolicyController controller(StrategySettings settings) {
        if (settings instanceof ReinforceSettings reinforce) {
            return new ReinforceController(reinforce);
        }
        if (settings instanceof PpoSettings ppo) {
            return new PpoController(ppo);
        }
        throw new IllegalArgumentException("strategy '" + settings.strategy()
                + "' is not a policy-gradient controller; those are [" + REINFORCE + ", " + PPO + "]");
    }

    /** Regularized evolution with the given settings. */
    public static RegularizedEvolution evolution(Map<String, Object> strategySettings) {
        return new RegularizedEvolution((EvolutionSettings) settings(EVOLUTION, strategySettings));
    }

    private static void requireKnown(String strategy) {
        if (strategy == null || !NAMES.contains(strategy)) {
            throw new IllegalArgumentException("strategy must be one of " + NAMES + ", was "
                    + (strategy == null ? "null" : "'" + strategy + "'"));
        }
    }

    /** Reads keys off a settings map, remembering which it asked for so that the rest can be refused. */
    private static final class SettingsReader {

        private final Map<String, Object> values;
        private final Set<String> known = new TreeSet<>();

        SettingsReader(Map<String, Object> values) {
            this.values = values == null ? Map.of() : values;
        }

        double decimal(String key, double fallback) {
            known.add(key);
            Object value = values.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            if (value instanceof String text) {
                try {
                    return Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    // refused below, with the key's name
                }
            }
            throw new IllegalArgumentException(SettingRules.field(key) + " must be a number, was " + describe(value));
        }

        int integer(String key, int fallback) {
            known.add(key);
            Object value = values.get(key);
            if (value == null) {
                return fallback;
            }
            double number = value instanceof Number || value instanceof String ? decimalOrNaN(value) : Double.NaN;
            if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(SettingRules.field(key) + " must be an integer, was "
                        + describe(value));
            }
            return (int) number;
        }

        private static double decimalOrNaN(Object value) {
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            try {
                return Double.parseDouble(((String) value).trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        <T extends StrategySettings> T done(T settings) {
            for (String key : values.keySet().stream().map(String::valueOf).sorted().toList()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(SettingRules.field(key) + " is not a setting of strategy '"
                            + settings.strategy() + "'; known: " + (known.isEmpty() ? "none" : known));
                }
            }
            return settings;
        }

        private static String describe(Object value) {
            return value instanceof String ? "'" + value + "'" : String.valueOf(value);
        }
    }
}
