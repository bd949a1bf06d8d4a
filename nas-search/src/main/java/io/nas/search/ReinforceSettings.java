package io.nas.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * REINFORCE on independent per-decision logits: Adam's {@code learningRate}, trials per update {@code batchSize},
 * the reward baseline's {@code baselineDecay} and the entropy bonus {@code entropyWeight}.
 */
public record ReinforceSettings(double learningRate, int batchSize, double baselineDecay, double entropyWeight)
        implements StrategySettings {

    /** Large for Adam, because a budget of a few hundred trials allows only tens of updates. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    public static final int DEFAULT_BATCH_SIZE = 5;
    /** MnasNet's. */
    public static final double DEFAULT_BASELINE_DECAY = 0.95;
    public static final double DEFAULT_ENTROPY_WEIGHT = 0.0;

    public static final ReinforceSettings DEFAULTS = new ReinforceSettings(DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE,
            DEFAULT_BASELINE_DECAY, DEFAULT_ENTROPY_WEIGHT);

    public ReinforceSettings {
        SettingRules.within("learningRate", learningRate, 0.0, false, 1.0, true);
        SettingRules.atLeast("batchSize", batchSize, 1);
        SettingRules.within("baselineDecay", baselineDecay, 0.0, true, 1.0, false);
        SettingRules.nonNegative("entropyWeight", entropyWeight);
    }

    @Override
    public String strategy() {
        return Strategies.REINFORCE;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("learningRate", learningRate);
        map.put("batchSize", batchSize);
        map.put("baselineDecay", baselineDecay);
        map.put("entropyWeight", entropyWeight);
        return map;
    }
}
