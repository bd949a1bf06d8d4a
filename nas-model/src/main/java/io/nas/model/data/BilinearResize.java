package io.nas.model.data;

/**
 * Resizes channel-first float images with a triangle (bilinear) filter and half-pixel centres. Shrinking widens the
 * filter to the scale factor (antialiasing, as PIL does), so 28 px down to 14 px averages every source pixel instead
 * of sampling a quarter of them; enlarging is plain bilinear interpolation with clamped edges. Weights are computed
 * once per pair of sizes.
 */
public final class BilinearResize {

    private final int inHeight;
    private final int inWidth;
    private final int outHeight;
    private final int outWidth;
    private final Taps rows;
    private final Taps cols;

    public BilinearResize(int inHeight, int inWidth, int outHeight, int outWidth) {
        if (inHeight < 1 || inWidth < 1 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inHeight + "x" + inWidth + " -> "
                    + outHeight + "x" + outWidth);
        }
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.rows = Taps.of(inHeight, outHeight);
        this.cols = Taps.of(inWidth, outWidth);
    }

    public int outHeight() {
        return outHeight;
    }

    public int outWidth() {
        return outWidth;
    }

    /**
     * Resizes {@code channels} planes of {@code src} (from 0) into {@code dest} from {@code destOffset}.
     */
    public void resize(float[] src, int channels, float[] dest, int destOffset) {
        if (inHeight == outHeight && inWidth == outWidth) {
            System.arraycopy(src, 0, dest, destOffset, channels * inHeight * inWidth);
            return;
        }
        float[] horizontal = new float[inHeight * outWidth];
        for (int c = 0; c < channels; c++) {
            int srcPlane = c * inHeight * inWidth;
            for (int y = 0; y < inHeight; y++) {
                int rowStart = srcPlane + y * inWidth;
                for (int x = 0; x < outWidth; x++) {
                    horizontal[y * outWidth + x] = cols.apply(src, rowStart, 1, x);
                }
            }
            int destPlane = destOffset + c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    dest[destPlane + y * outWidth + x] = rows.apply(horizontal, x, outWidth, y);
                }
            }
        }
    }

    /** A new array holding the resized image. */
    public float[] resize(float[] src, int channels) {
        float[] dest = new float[channels * outHeight * outWidth];
        resize(src, channels, dest, 0);
        return dest;
    }

    /** Per output position along one axis: the first source index and the normalized filter weights. */
    private record Taps(int[] first, float[][] weights) {

        static Taps of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - filterScale));
                int hi = Math.min(in, (int) Math.ceil(center + filterScale));
                double[] w = new double[hi - lo];
                double sum = 0;
                for (int x = lo; x < hi; x++) {
                    double t = Math.abs((x + 0.5 - center) / filterScale);
                    w[x - lo] = Math.max(0.0, 1.0 - t);
                    sum += w[x - lo];
                }
                if (sum == 0) {
                    // Only when the centre lies exactly between pixels at an edge: take the nearest pixel.
                    int nearest = Math.min(in - 1, Math.max(0, (int) center));
                    first[i] = nearest;
                    weights[i] = new float[] {1f};
                    continue;
                }
                float[] normalized = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    normalized[k] = (float) (w[k] / sum);
                }
                first[i] = lo;
                weights[i] = normalized;
            }
            return new Taps(first, weights);
        }

        float apply(float[] values, int start, int stride, int out) {
            float[] w = weights[out];
            int at = start + first[out] * stride;
            float sum = 0f;
            for (float weight : w) {
                sum += weight * values[at];
                at += stride;
            }
            return sum;
        }
    }
}
