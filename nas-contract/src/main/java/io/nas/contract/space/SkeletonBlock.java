package io.nas.contract.space;

/** One block of the skeleton the search varies: repeats, output filters and the stride of its first layer. */
public record SkeletonBlock(int repeats, int filters, int stride) {
}
