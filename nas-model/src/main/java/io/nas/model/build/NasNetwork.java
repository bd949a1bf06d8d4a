package io.nas.model.build;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;

/**
 * A candidate built with DJL: the {@link Block} mapping {@code (N, inChannels, S, S)} float32 images, any S, to
 * {@code (N, classes)} logits, with the architecture and frame it came from and the classifier dropout, whose rate a
 * progressive schedule changes between stages.
 */
public final class NasNetwork {

    private final MnasArchitecture architecture;
    private final NetworkFrame frame;
    private final Activation activation;
    private final Block block;
    private final ScheduledDropout dropout;

    NasNetwork(MnasArchitecture architecture, NetworkFrame frame, Activation activation, Block block,
               ScheduledDropout dropout) {
        this.architecture = architecture;
        this.frame = frame;
        this.activation = activation;
        this.block = block;
        this.dropout = dropout;
    }

    public Block block() {
        return block;
    }

    public MnasArchitecture architecture() {
        return architecture;
    }

    public NetworkFrame frame() {
        return frame;
    }

    public Activation activation() {
        return activation;
    }

    /** The dropout before the classifier. */
    public ScheduledDropout dropout() {
        return dropout;
    }

    public void setDropoutRate(double rate) {
        dropout.setRate(rate);
    }

    /** The input shape of a batch at the frame's resolution. */
    public Shape inputShape(int batch) {
        return inputShape(batch, frame.resolution());
    }

    /** The input shape of a batch at {@code resolution} pixels (global pooling accepts any size). */
    public Shape inputShape(int batch, int resolution) {
        return new Shape(batch, frame.inChannels(), resolution, resolution);
    }

    /**
     * Trainable parameters (those that receive gradients: batch norm's running statistics are not), as PyTorch
     * counts them; equals {@code AnalyticCounter.count(architecture, frame).params()}. Needs an initialized block.
     */
    public long trainableParameters() {
        if (!block.isInitialized()) {
            throw new IllegalStateException("initialize the block first: parameter shapes follow from the input");
        }
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size())
                .sum();
    }

    @Override
    public String toString() {
        return "NasNetwork[" + architecture.canonical() + ", " + frame + ", " + activation + "]";
    }
}
