package io.nas.search.controller;

import io.nas.search.Draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * MnasNet's controller network: a one-layer LSTM that emits one decision per step. Step t's input is the embedding
 * of the option chosen at step t-1 (each decision has its own embedding table, as decisions differ in options), a
 * learned start embedding at step 0; each decision has its own linear head over the hidden state, then a softmax.
 * Embedding size equals the hidden size.
 *
 * <p>Parameter layout: start embedding [H]; embeddings of decisions 0..n-2 [options x H]; LSTM weights
 * [4H x 2H] (rows: input, forget, cell, output gates; columns: input then previous hidden state) and biases [4H];
 * per decision a head [options x H] and its biases [options].
 */
final class LstmPolicyNetwork implements PolicyNetwork {

    /** Uniform initialisation range, as ENAS's controller: small logits, a near-uniform first policy. */
    static final double INIT_RANGE = 0.1;

    private final int hidden;
    private final int[] optionCounts;
    private final int steps;
    private final int start;
    private final int[] embedding;
    private final int lstmWeights;
    private final int lstmBias;
    private final int[] head;
    private final int[] headBias;
    private final int parameterCount;
    private final int maxOptions;

    LstmPolicyNetwork(int hiddenSize, int[] optionCounts) {
        this.hidden = hiddenSize;
        this.optionCounts = optionCounts.clone();
        this.steps = optionCounts.length;
        int offset = 0;
        this.start = offset;
        offset += hidden;
        this.embedding = new int[steps];
        for (int t = 0; t < steps - 1; t++) {
            embedding[t] = offset;
            offset += optionCounts[t] * hidden;
        }
        this.lstmWeights = offset;
        offset += 4 * hidden * 2 * hidden;
        this.lstmBias = offset;
        offset += 4 * hidden;
        this.head = new int[steps];
        this.headBias = new int[steps];
        int max = 0;
        for (int t = 0; t < steps; t++) {
            head[t] = offset;
            offset += optionCounts[t] * hidden;
            headBias[t] = offset;
            offset += optionCounts[t];
            max = Math.max(max, optionCounts[t]);
        }
        this.parameterCount = offset;
        this.maxOptions = max;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public double[] initialParameters(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] parameters = new double[parameterCount];
        for (int p = 0; p < parameterCount; p++) {
            parameters[p] = random.nextDouble(-INIT_RANGE, INIT_RANGE);
        }
        return parameters;
    }

    /** The activations of one step, kept for backpropagation through time. */
    private final class Step {
        /** The step's input followed by the previous hidden state: the LSTM matrix multiplies both at once. */
        final double[] joined = new double[2 * hidden];
        final double[] previousCell = new double[hidden];
        final double[] gates = new double[4 * hidden];
        final double[] cell = new double[hidden];
        final double[] cellTanh = new double[hidden];
        final double[] hiddenState = new double[hidden];
        final double[] logProbabilities;

        Step(int options) {
            logProbabilities = new double[options];
        }
    }

    /** Runs step t from the previous step's state (null at t = 0) and the option chosen at t-1. */
    private Step forward(double[] parameters, int t, Step previous, int previousChoice) {
        Step step = new Step(optionCounts[t]);
        int inputFrom = t == 0 ? start : embedding[t - 1] + previousChoice * hidden;
        System.arraycopy(parameters, inputFrom, step.joined, 0, hidden);
        if (previous != null) {
            System.arraycopy(previous.hiddenState, 0, step.joined, hidden, hidden);
            System.arraycopy(previous.cell, 0, step.previousCell, 0, hidden);
        }
        int columns = 2 * hidden;
        double[] gates = step.gates;
        for (int row = 0; row < 4 * hidden; row++) {
            int w = lstmWeights + row * columns;
            double z = parameters[lstmBias + row];
            for (int k = 0; k < columns; k++) {
                z += parameters[w + k] * step.joined[k];
            }
            gates[row] = z;
        }
        // Gate rows: input, forget, candidate (tanh), output.
        for (int j = 0; j < hidden; j++) {
            double input = sigmoid(gates[j]);
            double forget = sigmoid(gates[hidden + j]);
            double candidate = StrictMath.tanh(gates[2 * hidden + j]);
            double output = sigmoid(gates[3 * hidden + j]);
            gates[j] = input;
            gates[hidden + j] = forget;
            gates[2 * hidden + j] = candidate;
            gates[3 * hidden + j] = output;
            step.cell[j] = forget * step.previousCell[j] + input * candidate;
            step.cellTanh[j] = StrictMath.tanh(step.cell[j]);
            step.hiddenState[j] = output * step.cellTanh[j];
        }
        int options = optionCounts[t];
        double[] logits = new double[options];
        for (int k = 0; k < options; k++) {
            int w = head[t] + k * hidden;
            double z = parameters[headBias[t] + k];
            for (int j = 0; j < hidden; j++) {
                z += parameters[w + j] * step.hiddenState[j];
            }
            logits[k] = z;
        }
        Categorical.logSoftmax(logits, 0, options, step.logProbabilities);
        return step;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + StrictMath.exp(-z));
    }

    @Override
    public Draw sample(double[] parameters, SplittableRandom random) {
        List<Integer> indices = new ArrayList<>(steps);
        double logProbability = 0.0;
        Step step = null;
        int choice = 0;
        for (int t = 0; t < steps; t++) {
            step = forward(parameters, t, step, choice);
            choice = Categorical.sample(step.logProbabilities, optionCounts[t], random);
            indices.add(choice);
            logProbability += step.logProbabilities[choice];
        }
        return new Draw(indices, logProbability);
    }

    @Override
    public Pass evaluate(double[] parameters, List<Integer> indices) {
        return addGradient(parameters, indices, logp -> 0.0, 0.0, null);
    }

    @Override
    public Pass addGradient(double[] parameters, List<Integer> indices, DoubleUnaryOperator logProbabilityWeight,
                            double entropyWeight, double[] gradient) {
        Step[] trace = new Step[steps];
        double logProbability = 0.0;
        double entropy = 0.0;
        for (int t = 0; t < steps; t++) {
            trace[t] = forward(parameters, t, t == 0 ? null : trace[t - 1], t == 0 ? 0 : indices.get(t - 1));
            logProbability += trace[t].logProbabilities[indices.get(t)];
            entropy += Categorical.entropy(trace[t].logProbabilities, optionCounts[t]);
        }
        if (gradient != null) {
            backward(parameters, indices, trace, logProbabilityWeight.applyAsDouble(logProbability), entropyWeight,
                    gradient);
        }
        return new Pass(logProbability, entropy);
    }

    /** Backpropagation through time of {@code weight * log p + entropyWeight * entropy}, accumulated. */
    private void backward(double[] parameters, List<Integer> indices, Step[] trace, double weight,
                          double entropyWeight, double[] gradient) {
        int columns = 2 * hidden;
        double[] logitGradient = new double[maxOptions];
        double[] hiddenGradient = new double[hidden];
        double[] nextCellGradient = new double[hidden];
        double[] gateGradient = new double[4 * hidden];
        double[] joinedGradient = new double[columns];
        for (int t = steps - 1; t >= 0; t--) {
            Step step = trace[t];
            int options = optionCounts[t];
            Categorical.objectiveGradient(step.logProbabilities, options, indices.get(t), weight, entropyWeight,
                    logitGradient);
            System.arraycopy(joinedGradient, hidden, hiddenGradient, 0, hidden);
            for (int k = 0; k < options; k++) {
                double g = logitGradient[k];
                int w = head[t] + k * hidden;
                gradient[headBias[t] + k] += g;
                for (int j = 0; j < hidden; j++) {
                    gradient[w + j] += g * step.hiddenState[j];
                    hiddenGradient[j] += parameters[w + j] * g;
                }
            }
            double[] gates = step.gates;
            for (int j = 0; j < hidden; j++) {
                double i = gates[j];
                double f = gates[hidden + j];
                double c = gates[2 * hidden + j];
                double o = gates[3 * hidden + j];
                double tanhCell = step.cellTanh[j];
                double outputGradient = hiddenGradient[j] * tanhCell;
                double cellGradient = hiddenGradient[j] * o * (1.0 - tanhCell * tanhCell) + nextCellGradient[j];
                gateGradient[j] = cellGradient * c * i * (1.0 - i);
                gateGradient[hidden + j] = cellGradient * step.previousCell[j] * f * (1.0 - f);
                gateGradient[2 * hidden + j] = cellGradient * i * (1.0 - c * c);
                gateGradient[3 * hidden + j] = outputGradient * o * (1.0 - o);
                nextCellGradient[j] = cellGradient * f;
            }
            Arrays.fill(joinedGradient, 0.0);
            for (int row = 0; row < 4 * hidden; row++) {
                double g = gateGradient[row];
                int w = lstmWeights + row * columns;
                gradient[lstmBias + row] += g;
                for (int k = 0; k < columns; k++) {
                    gradient[w + k] += g * step.joined[k];
                    joinedGradient[k] += parameters[w + k] * g;
                }
            }
            int inputFrom = t == 0 ? start : embedding[t - 1] + indices.get(t - 1) * hidden;
            for (int k = 0; k < hidden; k++) {
                gradient[inputFrom + k] += joinedGradient[k];
            }
        }
    }
}
