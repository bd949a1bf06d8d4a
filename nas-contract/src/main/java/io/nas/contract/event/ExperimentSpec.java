package io.nas.contract.event;

import io.nas.contract.space.SearchSpaceSpec;

import java.util.List;
import java.util.Map;

/**
 * What a user asks for: a search space, a target device type with latency target {@code targetLatencyMs}, the
 * reward's constraint ({@code soft} or {@code hard}, exponents alpha and beta), further device types measured for
 * reporting, the proxy training, the budget and the strategy with its settings and seed. {@code latencyMethod}
 * asks the latency farms to measure (default) or to predict from their lookup tables; {@code reward} says how trials
 * are rewarded (MnasNet's reward by default).
 */
public record ExperimentSpec(
        String name,
        SearchSpaceSpec space,
        String targetDeviceType,
        Double targetLatencyMs,
        List<String> reportDeviceTypes,
        String constraint,
        Double alpha,
        Double beta,
        TrainingSpec training,
        Integer maxTrials,
        Double maxTrainingSeconds,
        Integer maxInFlight,
        String strategy,
        Map<String, Object> strategySettings,
        Long seed,
        LatencyMethod latencyMethod,
        RewardSpec reward) {

    /** A spec whose latencies are measured on the devices and whose trials get MnasNet's reward. */
    public ExperimentSpec(String name, SearchSpaceSpec space, String targetDeviceType, Double targetLatencyMs,
                          List<String> reportDeviceTypes, String constraint, Double alpha, Double beta,
                          TrainingSpec training, Integer maxTrials, Double maxTrainingSeconds, Integer maxInFlight,
                          String strategy, Map<String, Object> strategySettings, Long seed) {
        this(name, space, targetDeviceType, targetLatencyMs, reportDeviceTypes, constraint, alpha, beta, training,
                maxTrials, maxTrainingSeconds, maxInFlight, strategy, strategySettings, seed, null, null);
    }
}
