package io.nas.contract.space;

import java.util.List;

/** The named search spaces an experiment can start from; their fields can be overridden one by one. */
public final class SearchSpacePresets {

    /** The full MnasNet space on ImageNet-sized input. */
    public static final String MNASNET = "mnasnet";
    /** A CPU-sized MnasNet space for 28x28 grey Fashion-MNIST, padded to 32 px. */
    public static final String MNASNET_CPU = "mnasnet-cpu";
    /** The full space plus EfficientNetV2's Fused-MBConv ops. */
    public static final String MNASNET_FUSED = "mnasnet-fused";
    /** The NAS-Bench-201 cell space. */
    public static final String NB201 = "nb201";

    /** MobileNetV2's 7 blocks, the skeleton of the MnasNet paper. */
    public static final List<SkeletonBlock> MOBILENET_V2_SKELETON = List.of(
            new SkeletonBlock(1, 16, 1), new SkeletonBlock(2, 24, 2), new SkeletonBlock(3, 32, 2),
            new SkeletonBlock(4, 64, 2), new SkeletonBlock(3, 96, 1), new SkeletonBlock(3, 160, 2),
            new SkeletonBlock(1, 320, 1));

    /**
     * MobileNetV2's first five blocks with fewer repeats: at 32 px the stem and three stride-2 blocks leave a 2x2
     * map, and a layer on a CPU costs tens of milliseconds per batch.
     */
    public static final List<SkeletonBlock> CPU_SKELETON = List.of(
            new SkeletonBlock(1, 16, 1), new SkeletonBlock(2, 24, 2), new SkeletonBlock(2, 32, 2),
            new SkeletonBlock(2, 64, 2), new SkeletonBlock(1, 96, 1));

    private static final List<String> NAMES = List.of(MNASNET, MNASNET_CPU, MNASNET_FUSED, NB201);

    private SearchSpacePresets() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static SearchSpaceSpec byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("preset name is missing; one of " + NAMES);
        }
        return switch (name) {
            case MNASNET -> full(MNASNET, false);
            case MNASNET_FUSED -> full(MNASNET_FUSED, true);
            case MNASNET_CPU -> new SearchSpaceSpec(SearchSpaceSpec.MNASNET, MNASNET_CPU, CPU_SKELETON, 0.5,
                    32, 1, 10, 16, 256, false);
            case NB201 -> new SearchSpaceSpec(SearchSpaceSpec.NB201, NB201, null, null, 32, 3, 10, null, null, null);
            default -> throw new IllegalArgumentException("unknown search space preset '" + name + "'; one of " + NAMES);
        };
    }

    private static SearchSpaceSpec full(String name, boolean fusedOps) {
        return new SearchSpaceSpec(SearchSpaceSpec.MNASNET, name, MOBILENET_V2_SKELETON, 1.0, 224, 3, 1000, 32, 1280,
                fusedOps);
    }
}
