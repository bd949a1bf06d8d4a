package io.nas.search.controller;

import io.nas.contract.space.SearchSpace;
import io.nas.search.Observation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * What REINFORCE and PPO share: a policy network, advantages against the moving-average baseline, full-batch
 * gradient ascent with Adam, and the state and weights bookkeeping. Subclasses say which network and how a sample's
 * log-probability gradient is weighted.
 */
abstract class PolicyGradientController implements PolicyController {

    private final String strategy;
    private final int batchSize;
    private final double learningRate;
    private final double baselineDecay;
    private final double entropyWeight;

    PolicyGradientController(String strategy, int batchSize, double learningRate, double baselineDecay,
                             double entropyWeight) {
        this.strategy = strategy;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.baselineDecay = baselineDecay;
        this.entropyWeight = entropyWeight;
    }

    /** 0 where the network has no hidden state. */
    abstract int hiddenSize();

    abstract PolicyNetwork network(PolicyShape shape);

    /** Gradient steps per batch. */
    abstract int passes();

    /** 0: no clipping. */
    abstract double maxGradientNorm();

    /**
     * The weight of {@code d log p_new(x) / d theta} in the objective's gradient, given the sample's advantage and
     * its log-probability under the current parameters.
     */
    abstract double logProbabilityWeight(Observation observation, double advantage, double newLogProbability);

    /** Checks an observation before it is learned from; PPO needs a usable recorded log-probability. */
    void requireUsable(Observation observation) {
    }

    @Override
    public final String strategy() {
        return strategy;
    }

    @Override
    public final int batchSize() {
        return batchSize;
    }

    @Override
    public final ControllerState initial(SearchSpace space, long seed) {
        PolicyShape shape = PolicyShape.of(strategy, hiddenSize(), space);
        return ControllerState.initial(shape, network(shape).initialParameters(seed));
    }

    @Override
    public final ControllerState update(ControllerState state, List<Observation> batch) {
        PolicyNetwork network = requireOwn(state.shape(), state.parameterCount());
        List<Observation> ordered = inSeqOrder(state.shape(), batch);
        double baseline = RewardBaseline.beforeBatch(state.baseline(), ordered);

        double[] parameters = state.parameters().clone();
        double[] firstMoment = state.firstMoment().clone();
        double[] secondMoment = state.secondMoment().clone();
        long step = state.optimizerSteps();
        double perSample = 1.0 / ordered.size();
        for (int pass = 0; pass < passes(); pass++) {
            double[] gradient = new double[parameters.length];
            for (Observation observation : ordered) {
                double advantage = observation.reward() - baseline;
                DoubleUnaryOperator weight =
                        logp -> perSample * logProbabilityWeight(observation, advantage, logp);
                network.addGradient(parameters, observation.indices(), weight, perSample * entropyWeight, gradient);
            }
            Adam.clipNorm(gradient, maxGradientNorm());
            step++;
            Adam.ascend(parameters, firstMoment, secondMoment, gradient, step, learningRate);
        }
        return new ControllerState(state.shape(), state.updates() + 1,
                RewardBaseline.afterBatch(baseline, ordered, baselineDecay), step, parameters, firstMoment,
                secondMoment);
    }

    private List<Observation> inSeqOrder(PolicyShape shape, List<Observation> batch) {
        if (batch == null || batch.isEmpty()) {
            throw new IllegalArgumentException("a " + strategy + " update needs at least one observation");
        }
        List<Observation> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparingLong(Observation::seq));
        for (int i = 0; i < ordered.size(); i++) {
            Observation observation = ordered.get(i);
            if (i > 0 && observation.seq() == ordered.get(i - 1).seq()) {
                throw new IllegalArgumentException("the batch holds seq " + observation.seq() + " twice");
            }
            shape.requireIndices(observation.indices(), "observation " + observation.seq());
            requireUsable(observation);
        }
        return ordered;
    }

    @Override
    public final Policy policy(byte[] weights, SearchSpace space) {
        PolicyWeights decoded = PolicyWeights.decode(weights);
        decoded.shape().requireFits(space);
        PolicyNetwork network = requireOwn(decoded.shape(), decoded.parameters().length);
        return new NetworkPolicy(decoded.shape(), network, decoded.parameters());
    }

    @Override
    public final ControllerState state(byte[] bytes) {
        ControllerState state = ControllerState.fromBytes(bytes);
        requireOwn(state.shape(), state.parameterCount());
        return state;
    }

    /** The network of a shape this controller made; refuses another strategy, hidden size or parameter count. */
    private PolicyNetwork requireOwn(PolicyShape shape, int parameterCount) {
        if (!shape.strategy().equals(strategy)) {
            throw new IllegalArgumentException("a " + strategy + " controller cannot use a " + shape.strategy()
                    + " policy");
        }
        if (shape.hiddenSize() != hiddenSize()) {
            throw new IllegalArgumentException("the policy has hidden size " + shape.hiddenSize()
                    + ", strategySettings.hiddenSize is " + hiddenSize());
        }
        PolicyNetwork network = network(shape);
        if (network.parameterCount() != parameterCount) {
            throw new IllegalArgumentException("the " + strategy + " policy has " + parameterCount
                    + " parameters, its shape needs " + network.parameterCount());
        }
        return network;
    }
}
