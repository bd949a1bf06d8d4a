package io.nas.contract.space;

import java.util.List;

/**
 * The parameters that make one concrete search space: the family ({@code mnasnet} or {@code nb201}) and, for
 * MnasNet, skeleton, width multiplier, input resolution and channels, classes, stem and head widths and whether
 * EfficientNetV2's Fused-MBConv ops are offered. A proposal carries this so workers can rebuild the space.
 */
public record SearchSpaceSpec(
        String family,
        String preset,
        List<SkeletonBlock> skeleton,
        Double widthMultiplier,
        Integer resolution,
        Integer inChannels,
        Integer classes,
        Integer stem,
        Integer head,
        Boolean fusedOps) {

    public static final String MNASNET = "mnasnet";
    public static final String NB201 = "nb201";
}
