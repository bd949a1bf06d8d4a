package io.nas.model.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * SGD with momentum and a step-indexed learning rate (linear warm-up, then cosine decay to 0 over the whole run),
 * whose state can be saved: DJL's {@code Sgd} keeps its momentum buffers private, so a checkpoint could not carry
 * them. The state is the step count (DJL's update count, restored through {@code beginNumUpdate}) plus one velocity
 * buffer per parameter, saved by parameter name because parameter ids change when a network is rebuilt. The update
 * itself is DJL's native {@code sgdUpdate}: {@code v = momentum * v + lr * (grad + weightDecay * w); w -= v}.
 */
public final class MomentumSgd extends Optimizer {

    private final Settings settings;
    private final long totalSteps;
    private final Map<String, NDArray> velocities = new HashMap<>();

    /**
     * @param learningRate  peak learning rate (after warm-up)
     * @param momentum      0 for plain SGD
     * @param weightDecay   L2 penalty added to the gradient
     * @param warmupFraction share of all steps spent warming up linearly from 0
     */
    public record Settings(double learningRate, double momentum, double weightDecay, double warmupFraction) {

        /** Peak 0.1 at batch 64 (scaled linearly with the batch by the trainer), momentum 0.9, weight decay 5e-5. */
        public static final Settings DEFAULT = new Settings(0.1, 0.9, 5e-5, 0.05);

        public Settings {
            if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)
                    || !(warmupFraction >= 0 && warmupFraction < 1)) {
                throw new IllegalArgumentException("invalid SGD settings: " + learningRate + ", " + momentum + ", "
                        + weightDecay + ", " + warmupFraction);
            }
        }

        public Settings withLearningRate(double learningRate) {
            return new Settings(learningRate, momentum, weightDecay, warmupFraction);
        }
    }

    /** An optimizer for a run of {@code totalSteps} that has already made {@code completedSteps} updates. */
    public MomentumSgd(Settings settings, long totalSteps, long completedSteps) {
        super(new Builder().optBeginNumUpdate(Math.toIntExact(completedSteps)));
        if (totalSteps < 1 || completedSteps < 0 || completedSteps > totalSteps) {
            throw new IllegalArgumentException("steps out of range: " + completedSteps + " of " + totalSteps);
        }
        this.settings = settings;
        this.totalSteps = totalSteps;
    }

    public Settings settings() {
        return settings;
    }

    /** The learning rate of update {@code step} (0-based). */
    public double learningRate(long step) {
        long warmup = Math.round(settings.warmupFraction() * totalSteps);
        double warm = warmup > 0 && step < warmup ? (step + 1.0) / warmup : 1.0;
        double progress = Math.min(1.0, (double) step / totalSteps);
        return settings.learningRate() * warm * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        long step = updateCount(parameterId) - 1L;
        float rate = (float) learningRate(step);
        float momentum = (float) settings.momentum();
        float decay = (float) settings.weightDecay();
        NDList inputs;
        if (momentum == 0f) {
            inputs = new NDList(weight, grad);
        } else {
            NDArray velocity = velocities.computeIfAbsent(parameterId, id -> weight.zerosLike());
            inputs = new NDList(weight, grad, velocity);
        }
        // Also zeroes the gradient for the next step, as DJL's Sgd relies on.
        weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), rate, decay, rescaleGrad, clipGrad,
                momentum, true);
    }

    /** The velocity buffers, by parameter name in {@code parameters}' order (those not yet updated are absent). */
    public byte[] exportState(ParameterList parameters) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1);
            int present = 0;
            for (Pair<String, Parameter> pair : parameters) {
                if (velocities.containsKey(pair.getValue().getId())) {
                    present++;
                }
            }
            out.writeInt(present);
            for (Pair<String, Parameter> pair : parameters) {
                NDArray velocity = velocities.get(pair.getValue().getId());
                if (velocity != null) {
                    out.writeUTF(pair.getKey());
                    byte[] encoded = velocity.encode();
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores {@link #exportState} into the parameters of a rebuilt network, arrays attached to {@code manager}. */
    public void importState(ParameterList parameters, NDManager manager, byte[] state)
            throws MalformedModelException {
        Map<String, Parameter> byName = new HashMap<>();
        for (Pair<String, Parameter> pair : parameters) {
            byName.put(pair.getKey(), pair.getValue());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int version = in.readInt();
            if (version != 1) {
                throw new MalformedModelException("unknown optimizer state version " + version);
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                Parameter parameter = byName.get(name);
                if (parameter == null) {
                    throw new MalformedModelException("optimizer state for unknown parameter " + name);
                }
                NDArray velocity = manager.decode(encoded);
                if (!velocity.getShape().equals(parameter.getArray().getShape())) {
                    throw new MalformedModelException("optimizer state of " + name + " has shape "
                            + velocity.getShape() + ", the parameter " + parameter.getArray().getShape());
                }
                NDArray previous = velocities.put(parameter.getId(), velocity);
                if (previous != null) {
                    previous.close();
                }
            }
        } catch (IOException e) {
            throw new MalformedModelException("unreadable optimizer state", e);
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
