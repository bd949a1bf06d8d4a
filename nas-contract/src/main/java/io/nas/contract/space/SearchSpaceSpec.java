package io.nas.contract.space;

import java.util.List;
import java.util.Objects;

/**
 * The parameters that make one concrete search space: the family ({@code mnasnet} or {@code nb201}) and, for
 * MnasNet, skeleton, width multiplier, input resolution and channels, classes, stem and head widths and whether
 * EfficientNetV2's Fused-MBConv ops are offered. A proposal carries this so workers can rebuild the space.
 * Fields left null take the value of the named {@code preset} (see {@link #resolved()}); values present are
 * checked when the record is made, so an event carrying a broken space is refused while it is read.
 * The width multiplier scales the skeleton's block filters only; stem and head are final widths.
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

    public SearchSpaceSpec {
        if (family != null && !family.equals(MNASNET) && !family.equals(NB201)) {
            throw new IllegalArgumentException("space.family must be " + MNASNET + " or " + NB201 + ", was '" + family + "'");
        }
        if (preset != null && !SearchSpacePresets.names().contains(preset)) {
            throw new IllegalArgumentException("space.preset must be one of " + SearchSpacePresets.names()
                    + ", was '" + preset + "'");
        }
        if (skeleton != null) {
            if (skeleton.isEmpty() || skeleton.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("space.skeleton must list at least one block");
            }
            skeleton = List.copyOf(skeleton);
        }
        if (widthMultiplier != null && !(widthMultiplier > 0.0 && widthMultiplier <= 100.0)) {
            throw new IllegalArgumentException("space.widthMultiplier must be in (0, 100], was " + widthMultiplier);
        }
        requirePositive(resolution, "resolution");
        requirePositive(inChannels, "inChannels");
        requirePositive(classes, "classes");
        requirePositive(stem, "stem");
        requirePositive(head, "head");
    }

    /** The spec of a named preset: {@code mnasnet}, {@code mnasnet-cpu}, {@code mnasnet-fused}, {@code nb201}. */
    public static SearchSpaceSpec preset(String name) {
        return SearchSpacePresets.byName(name);
    }

    /**
     * This spec with every null field taken from its preset (or, without one, from the family's full preset), so
     * the result names every parameter of the space. Explicit fields win over the preset's.
     */
    public SearchSpaceSpec resolved() {
        if (preset == null && family == null) {
            throw new IllegalArgumentException("space.family or space.preset is required");
        }
        SearchSpaceSpec base = preset(preset != null ? preset : family);
        if (family != null && !family.equals(base.family)) {
            throw new IllegalArgumentException("space.family '" + family + "' contradicts preset '" + preset
                    + "' of family '" + base.family + "'");
        }
        return new SearchSpaceSpec(base.family, base.preset,
                or(skeleton, base.skeleton), or(widthMultiplier, base.widthMultiplier),
                or(resolution, base.resolution), or(inChannels, base.inChannels), or(classes, base.classes),
                or(stem, base.stem), or(head, base.head), or(fusedOps, base.fusedOps));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void requirePositive(Integer value, String field) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException("space." + field + " must be >= 1, was " + value);
        }
    }
}
