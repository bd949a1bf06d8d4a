package io.nas.search;

import java.util.LinkedHashMap;
import java.util.Map;

/** Regularized evolution: the population kept ({@code populationSize}) and the tournament size ({@code sampleSize}). */
public record EvolutionSettings(int populationSize, int sampleSize) implements StrategySettings {

    public static final int DEFAULT_POPULATION_SIZE = 20;
    public static final int DEFAULT_SAMPLE_SIZE = 5;

    public static final EvolutionSettings DEFAULTS = new EvolutionSettings(DEFAULT_POPULATION_SIZE,
            DEFAULT_SAMPLE_SIZE);

    public EvolutionSettings {
        SettingRules.atLeast("populationSize", populationSize, 2);
        SettingRules.atLeast("sampleSize", sampleSize, 1);
        if (sampleSize > populationSize) {
            throw new IllegalArgumentException("strategySettings.sampleSize must be <= strategySettings.populationSize ("
                    + populationSize + "), was " + sampleSize);
        }
    }

    @Override
    public String strategy() {
        return Strategies.EVOLUTION;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("populationSize", populationSize);
        map.put("sampleSize", sampleSize);
        return map;
    }
}
