package io.nas.contract.space;

/** One block of the skeleton the search varies: repeats, output filters and the stride of its first layer. */
public record SkeletonBlock(int repeats, int filters, int stride) {

    public SkeletonBlock {
        if (repeats < 1 || filters < 1 || stride < 1 || stride > 9) {
            throw new IllegalArgumentException("skeleton block needs repeats >= 1, filters >= 1 and stride 1-9, was "
                    + "repeats " + repeats + ", filters " + filters + ", stride " + stride);
        }
    }
}
