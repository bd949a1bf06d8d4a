package io.nas.contract.space;

/** The reference rule that keeps channel counts multiples of 8 (tensorflow/tpu mnasnet round_filters). */
public final class FilterRounding {

    private FilterRounding() {
    }

    /** {@code v' = max(8, floor((v + 4) / 8) * 8)}, plus 8 if that lost more than 10% of {@code v}. */
    public static int round(double filters) {
        int rounded = Math.max(8, (int) Math.floor((filters + 4) / 8) * 8);
        return rounded < 0.9 * filters ? rounded + 8 : rounded;
    }
}
