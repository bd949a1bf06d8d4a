package io.nas.sampler.service;

import io.nas.contract.event.ExperimentSpec;
import io.nas.contract.event.LatencyMethod;
import io.nas.contract.event.RewardSpec;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;
import io.nas.search.Strategies;
import io.nas.search.StrategySettings;
import io.nas.search.reward.MnasReward;
import io.nas.search.reward.TrainingAwareReward;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Checks every field of a requested experiment and fills its defaults, so that the spec stored and published names
 * everything a rerun needs: the resolved space, the strategy with all its settings, the constraint with both
 * exponents, the reward, {@code maxInFlight} and the seed. Each refusal names the field and the rule it breaks.
 */
final class ExperimentAdmission {

    static final String DEFAULT_STRATEGY = Strategies.PPO;
    static final int MAX_NAME_LENGTH = 200;

    /** A spec ready to run and the search space it names. */
    record Admitted(ExperimentSpec spec, SearchSpace space) {
    }

    private ExperimentAdmission() {
    }

    static Admitted admit(ExperimentSpec requested, RandomGenerator seeds) {
        if (requested == null) {
            throw new InvalidExperimentException("body", "must be an ExperimentSpec JSON object");
        }
        if (requested.name() != null && requested.name().length() > MAX_NAME_LENGTH) {
            throw new InvalidExperimentException("name", "must be at most " + MAX_NAME_LENGTH + " characters, was "
                    + requested.name().length());
        }
        SearchSpace space = space(requested);
        String strategy = requested.strategy() == null ? DEFAULT_STRATEGY : requested.strategy();
        if (!Strategies.names().contains(strategy)) {
            throw new InvalidExperimentException("strategy", "must be one of " + Strategies.names() + " (default "
                    + DEFAULT_STRATEGY + "), was '" + strategy + "'");
        }
        Map<String, Object> strategySettings = strategySettings(strategy, requested.strategySettings());

        String constraint = constraint(requested.constraint());
        MnasReward exponents = MnasReward.HARD.equals(constraint) ? MnasReward.hard(1.0) : MnasReward.soft(1.0);
        double alpha = finite("alpha", requested.alpha(), exponents.alpha());
        double beta = finite("beta", requested.beta(), exponents.beta());
        Double targetLatencyMs = requested.targetLatencyMs();
        if (targetLatencyMs != null && !(targetLatencyMs > 0 && Double.isFinite(targetLatencyMs))) {
            throw new InvalidExperimentException("targetLatencyMs", "must be a number > 0 (milliseconds), was "
                    + targetLatencyMs);
        }
        RewardSpec reward = reward(requested.reward(), targetLatencyMs);

        Integer maxTrials = requested.maxTrials();
        Double maxTrainingSeconds = requested.maxTrainingSeconds();
        if (maxTrials == null && maxTrainingSeconds == null) {
            throw new InvalidExperimentException("maxTrials", "or maxTrainingSeconds must be given: an experiment "
                    + "needs a trial budget, a training-seconds budget, or both");
        }
        if (maxTrials != null && maxTrials < 1) {
            throw new InvalidExperimentException("maxTrials", "must be >= 1, was " + maxTrials);
        }
        if (maxTrainingSeconds != null && !(maxTrainingSeconds > 0 && Double.isFinite(maxTrainingSeconds))) {
            throw new InvalidExperimentException("maxTrainingSeconds", "must be a number of seconds > 0, was "
                    + maxTrainingSeconds);
        }
        int maxInFlight = requested.maxInFlight() == null ? 1 : requested.maxInFlight();
        if (maxInFlight < 1) {
            throw new InvalidExperimentException("maxInFlight", "must be >= 1 (default 1), was " + maxInFlight);
        }

        if (requested.targetDeviceType() == null || requested.targetDeviceType().isBlank()) {
            throw new InvalidExperimentException("targetDeviceType", "is required and must not be blank");
        }
        List<String> reportDeviceTypes = new ArrayList<>();
        if (requested.reportDeviceTypes() != null) {
            for (String type : requested.reportDeviceTypes()) {
                if (type == null || type.isBlank()) {
                    throw new InvalidExperimentException("reportDeviceTypes", "must not hold blank device types");
                }
                reportDeviceTypes.add(type);
            }
        }
        if (requested.training() == null) {
            throw new InvalidExperimentException("training", "is required: every proposal carries it to the trainers");
        }
        if (requested.latencyMethod() == LatencyMethod.REPLAYED) {
            throw new InvalidExperimentException("latencyMethod", "must be measured (default) or predicted");
        }
        long seed = requested.seed() != null ? requested.seed() : seeds.nextLong();
        ExperimentSpec spec = new ExperimentSpec(requested.name(), space.spec(), requested.targetDeviceType(),
                targetLatencyMs, List.copyOf(reportDeviceTypes), constraint, alpha, beta, requested.training(),
                maxTrials, maxTrainingSeconds, maxInFlight, strategy, strategySettings, seed,
                requested.latencyMethod(), reward);
        return new Admitted(spec, space);
    }

    private static SearchSpace space(ExperimentSpec requested) {
        if (requested.space() == null) {
            throw new InvalidExperimentException("space", "is required (a preset such as mnasnet-cpu or nb201)");
        }
        try {
            return SearchSpaces.of(requested.space());
        } catch (IllegalArgumentException e) {
            throw InvalidExperimentException.named("space", e.getMessage());
        }
    }

    /** Every setting of the strategy, defaults filled in; nas-search's messages name {@code strategySettings.<key>}. */
    private static Map<String, Object> strategySettings(String strategy, Map<String, Object> requested) {
        try {
            StrategySettings settings = Strategies.settings(strategy, requested);
            return settings.asMap();
        } catch (IllegalArgumentException e) {
            throw InvalidExperimentException.named("strategySettings", e.getMessage());
        }
    }

    private static String constraint(String requested) {
        String constraint = requested == null ? MnasReward.SOFT : requested.toLowerCase(Locale.ROOT);
        if (!constraint.equals(MnasReward.SOFT) && !constraint.equals(MnasReward.HARD)) {
            throw new InvalidExperimentException("constraint", "must be " + MnasReward.SOFT + " (default) or "
                    + MnasReward.HARD + ", was '" + requested + "'");
        }
        return constraint;
    }

    /**
     * The reward with its defaults: MnasNet's (which needs the target latency) unless {@code training-aware} (which
     * needs the reference training time and size).
     */
    private static RewardSpec reward(RewardSpec requested, Double targetLatencyMs) {
        RewardSpec reward = requested == null ? RewardSpec.mnas() : requested;
        String function = reward.function() == null ? RewardSpec.MNAS : reward.function();
        double failedReward = finite("reward.failedReward", reward.failedReward(), 0.0);
        switch (function) {
            case RewardSpec.MNAS -> {
                if (targetLatencyMs == null) {
                    throw new InvalidExperimentException("targetLatencyMs", "is required by the " + RewardSpec.MNAS
                            + " reward (R = ACC * (LAT / targetLatencyMs)^w), in milliseconds > 0");
                }
                return new RewardSpec(RewardSpec.MNAS, failedReward, reward.referenceTrainingSeconds(),
                        reward.referenceParams(), reward.trainingExponent(), reward.paramsExponent());
            }
            case RewardSpec.TRAINING_AWARE -> {
                Double seconds = reward.referenceTrainingSeconds();
                if (seconds == null || !(seconds > 0 && Double.isFinite(seconds))) {
                    throw new InvalidExperimentException("reward.referenceTrainingSeconds", "is required by the "
                            + RewardSpec.TRAINING_AWARE + " reward and must be > 0, was " + seconds);
                }
                Long params = reward.referenceParams();
                if (params == null || params <= 0) {
                    throw new InvalidExperimentException("reward.referenceParams", "is required by the "
                            + RewardSpec.TRAINING_AWARE + " reward and must be > 0, was " + params);
                }
                return new RewardSpec(RewardSpec.TRAINING_AWARE, failedReward, seconds, params,
                        finite("reward.trainingExponent", reward.trainingExponent(), TrainingAwareReward.DEFAULT_W),
                        finite("reward.paramsExponent", reward.paramsExponent(), TrainingAwareReward.DEFAULT_V));
            }
            default -> throw new InvalidExperimentException("reward.function", "must be " + RewardSpec.MNAS
                    + " (default) or " + RewardSpec.TRAINING_AWARE + ", was '" + function + "'");
        }
    }

    private static double finite(String field, Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!Double.isFinite(value)) {
            throw new InvalidExperimentException(field, "must be a finite number, was " + value);
        }
        return value;
    }
}
