package io.nas.search.reward;

/** The search signal of one trial, from what the trainer and the latency farm measured. */
public interface RewardFunction {

    /**
     * @param accuracy        held-out accuracy as a fraction in [0, 1]
     * @param latencyMs       measured inference latency in milliseconds
     * @param trainingSeconds the trial's training time in seconds (measured or simulated)
     * @param params          trainable parameters
     */
    double reward(double accuracy, double latencyMs, double trainingSeconds, long params);
}
