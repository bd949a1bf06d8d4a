package io.nas.model.build;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;

/**
 * Builds the DJL network of an architecture with the reference semantics {@code AnalyticCounter} counts: stem conv3x3
 * stride 2, the blocks layer by layer, head conv1x1, global average pool, dropout, classifier. Convs have no bias and
 * are followed by batch norm (scale and shift trainable); 'same' padding {@code k / 2} maps h to ceil(h / stride).
 * Weights start from DJL's default (He-normal, fan-in) unless a trainer sets another initializer.
 */
public final class NetworkBuilder {

    /** The reference MnasNet classifier dropout; a progressive schedule overrides it per stage. */
    public static final double DEFAULT_DROPOUT_RATE = 0.2;

    private NetworkBuilder() {
    }

    public static NasNetwork build(MnasArchitecture architecture, NetworkFrame frame) {
        return build(architecture, frame, Activation.RELU);
    }

    public static NasNetwork build(MnasArchitecture architecture, NetworkFrame frame, Activation activation) {
        if (architecture.blocks().get(0).inFilters() != frame.stem()) {
            throw new IllegalArgumentException("block 0 input filters " + architecture.blocks().get(0).inFilters()
                    + " must equal the stem width " + frame.stem());
        }
        SequentialBlock network = new SequentialBlock();
        network.add(convBnAct(3, frame.stem(), 2, activation));
        for (BlockSpec block : architecture.blocks()) {
            SequentialBlock layers = new SequentialBlock();
            for (int layer = 0; layer < block.repeats(); layer++) {
                layers.add(layer(block, layer, activation));
            }
            network.add(layers);
        }
        network.add(convBnAct(1, frame.head(), 1, activation));
        ScheduledDropout dropout = new ScheduledDropout(DEFAULT_DROPOUT_RATE);
        network.add(new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(dropout)
                .add(Linear.builder().setUnits(frame.classes()).optBias(true).build()));
        return new NasNetwork(architecture, frame, activation, network, dropout);
    }

    /**
     * The stem alone, conv3x3 stride 2 with batch norm and activation, as {@link #build} makes it: a separately timed
     * piece of a per-layer latency table.
     */
    public static Block stem(NetworkFrame frame, Activation activation) {
        return convBnAct(3, frame.stem(), 2, activation);
    }

    /**
     * The head alone, conv1x1 to {@code frame.head()} filters, global pool, dropout and classifier, as {@link #build}
     * makes it (its input width follows from the input): a separately timed piece of a per-layer latency table.
     */
    public static Block head(NetworkFrame frame, Activation activation) {
        return new SequentialBlock()
                .add(convBnAct(1, frame.head(), 1, activation))
                .add(new SequentialBlock()
                        .add(Pool.globalAvgPool2dBlock())
                        .add(new ScheduledDropout(DEFAULT_DROPOUT_RATE))
                        .add(Linear.builder().setUnits(frame.classes()).optBias(true).build()));
    }

    /** Layer {@code layer} of a block with its shortcut, as {@link #build} makes it. */
    public static Block layer(BlockSpec block, int layer, Activation activation) {
        int stride = block.layerStride(layer);
        Block body = layerBody(block, block.layerInFilters(layer), stride, activation);
        return switch (block.skip()) {
            case NONE -> body;
            case IDENTITY -> block.identityResidual(layer) ? new IdentityResidual(body) : body;
            case POOL -> new PoolShortcut(body, stride, block.outFilters());
        };
    }

    private static Block layerBody(BlockSpec block, int cin, int stride, Activation activation) {
        int k = block.kernel();
        int cout = block.outFilters();
        int expanded = block.expandedFilters(cin);
        SequentialBlock body = new SequentialBlock();
        switch (block.convType()) {
            case MBCONV -> {
                if (block.expansion() != 1) {
                    body.add(convBnAct(1, expanded, 1, activation));
                }
                body.add(conv(k, expanded, stride, expanded, false)).add(batchNorm()).add(activation.block());
                addSqueezeExcitation(body, block, cin, activation);
                body.add(conv(1, cout, 1, 1, false)).add(batchNorm());
            }
            // Fused-MBConv, and the regular conv that is structurally Fused-MBConv with expansion 1.
            case FUSED, REGULAR -> {
                if (block.expansion() == 1) {
                    addSqueezeExcitation(body, block, cin, activation);
                    body.add(convBnAct(k, cout, stride, activation));
                } else {
                    body.add(convBnAct(k, expanded, stride, activation));
                    addSqueezeExcitation(body, block, cin, activation);
                    body.add(conv(1, cout, 1, 1, false)).add(batchNorm());
                }
            }
        }
        return body;
    }

    /** Squeeze-excitation on the expanded channels, reducing to a width computed from the layer's input filters. */
    private static void addSqueezeExcitation(SequentialBlock body, BlockSpec block, int cin, Activation activation) {
        if (block.hasSqueezeExcitation()) {
            body.add(new SqueezeExcitation(block.expandedFilters(cin), block.seReducedFilters(cin), activation));
        }
    }

    private static SequentialBlock convBnAct(int kernel, int filters, int stride, Activation activation) {
        return new SequentialBlock()
                .add(conv(kernel, filters, stride, 1, false))
                .add(batchNorm())
                .add(activation.block());
    }

    /** A kxk conv with 'same' padding {@code k / 2}; depthwise when {@code groups} equals the channels. */
    static Conv2d conv(int kernel, int filters, int stride, int groups, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optGroups(groups)
                .optBias(bias)
                .build();
    }

    private static BatchNorm batchNorm() {
        return BatchNorm.builder().build();
    }
}
