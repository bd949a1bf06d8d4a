package io.nas.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * REINFORCE on independent per-decision logits: Adam's {@code learningRate}, trials per update {@code batchSize},
 * the reward baseline's {@code baselineDecay} and the entropy bonus {@code entropyWeight}.
 *
 * <p>The defaults are tuned for the NAS-Bench-201 protocol (12,000 simulated seconds, about 100 trials, so about 20
 * updates; {@code Nb201ProtocolBenchmarkTest}): there they beat random search by about 0.4 points of
 * {@code valid_acc_12ep} (about 5 standard errors over 100 runs).
 */
public record ReinforceSettings(double learningRate, int batchSize, double baselineDecay, double entropyWeight)
        implements StrategySettings {

    /**
     * Large for Adam, because a budget of about 100 trials allows only about 20 updates. On NAS-Bench-201 0.1 learns
     * too slowly; 0.3 without an entropy bonus lets the logits collapse onto one cell on some seeds, which then
     * repeats it until the sampler calls the search converged.
     */
    public static final double DEFAULT_LEARNING_RATE = 0.2;
    /** Batches of 3 to 10 found about equally good cells on NAS-Bench-201; smaller ones repeat cells more. */
    public static final int DEFAULT_BATCH_SIZE = 5;
    /** MnasNet's; 0.8 to 0.98 made no difference on NAS-Bench-201. */
    public static final double DEFAULT_BASELINE_DECAY = 0.95;
    /**
     * Keeps {@link #DEFAULT_LEARNING_RATE} from collapsing the logits onto one cell on NAS-Bench-201 (about 4
     * duplicates a run, at most about 50 over 1,000 runs). The bonus sums over decisions, so it weighs more in larger
     * spaces: from 0.03 up it stalls learning on the MnasNet spaces' 30 to 42 decisions.
     */
    public static final double DEFAULT_ENTROPY_WEIGHT = 0.01;

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
