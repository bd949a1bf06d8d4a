package io.nas.contract.count;

/**
 * The cost of block {@code index} (all its layers), its canonical block string and its square feature-map size in
 * pixels before and after it.
 */
public record BlockCost(int index, String block, int inResolution, int outResolution, long params, long madds) {
}
