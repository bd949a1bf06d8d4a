package io.nas.model.data;

import java.util.Arrays;
import java.util.Random;

/**
 * RandAugment (Cubuk et al. 2020): each image gets {@code opsPerImage} operations drawn uniformly from the 14 of the
 * paper, all at one magnitude. Works on channel-first float images in [0, 1] and keeps shape and range.
 *
 * <p>Magnitude uses the scale of the reference implementation (tensorflow/tpu, google/automl efficientnetv2): 10 is
 * the nominal maximum, so EfficientNetV2's schedules (5 to 15) read the same here; values above 10 extrapolate
 * linearly up to {@link #MAX_MAGNITUDE}. At strength {@code s = magnitude / 10}: rotate {@code 30 s} degrees, shear
 * {@code 0.3 s}, translate {@code 0.45 s} of the side, colour/contrast/brightness/sharpness factor {@code 1 +- 0.9 s}
 * (at least 0), posterize to {@code 8 - round(4 s)} bits (at least 1), solarize above {@code 1 - s}. Signed ops pick
 * the sign at random. Like torchvision, and unlike the TF reference, every op grows monotonically with magnitude.
 * Geometric ops sample the nearest pixel, turn about the image centre and fill with black (Fashion-MNIST's
 * background). A magnitude of 0 means no augmentation at all, so a schedule can start without it.
 */
public final class RandAugment {

    /** The magnitude the reference implementation calls its maximum ({@code _MAX_LEVEL}). */
    public static final double NOMINAL_MAX_MAGNITUDE = 10.0;
    /** Magnitudes are clamped to this. */
    public static final double MAX_MAGNITUDE = 30.0;
    /** The paper's default number of ops per image. */
    public static final int DEFAULT_OPS = 2;

    private final int opsPerImage;
    private final double magnitude;

    public RandAugment(int opsPerImage, double magnitude) {
        if (opsPerImage < 0) {
            throw new IllegalArgumentException("opsPerImage must be >= 0, was " + opsPerImage);
        }
        if (!(magnitude >= 0)) {
            throw new IllegalArgumentException("magnitude must be >= 0, was " + magnitude);
        }
        this.opsPerImage = opsPerImage;
        this.magnitude = Math.min(magnitude, MAX_MAGNITUDE);
    }

    public int opsPerImage() {
        return opsPerImage;
    }

    public double magnitude() {
        return magnitude;
    }

    /** True when {@link #apply} returns its input unchanged. */
    public boolean isIdentity() {
        return opsPerImage == 0 || magnitude == 0;
    }

    /** The augmented image (a new array unless {@link #isIdentity()}); draws ops and signs from {@code random}. */
    public float[] apply(float[] image, int channels, int height, int width, Random random) {
        if (isIdentity()) {
            return image;
        }
        Op[] ops = Op.values();
        float[] result = image;
        for (int i = 0; i < opsPerImage; i++) {
            Op op = ops[random.nextInt(ops.length)];
            result = op.apply(result, channels, height, width, magnitude, random);
        }
        return result;
    }

    @Override
    public String toString() {
        return "RandAugment[n=" + opsPerImage + ", m=" + magnitude + "]";
    }

    /** The 14 operations of the paper. Each returns a new array and leaves its input alone. */
    public enum Op {
        IDENTITY {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                return image.clone();
            }
        },
        AUTO_CONTRAST {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                float[] out = image.clone();
                int plane = height * width;
                for (int c = 0; c < channels; c++) {
                    float lo = Float.MAX_VALUE;
                    float hi = -Float.MAX_VALUE;
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        lo = Math.min(lo, image[i]);
                        hi = Math.max(hi, image[i]);
                    }
                    if (hi > lo) {
                        float scale = 1f / (hi - lo);
                        for (int i = c * plane; i < (c + 1) * plane; i++) {
                            out[i] = (image[i] - lo) * scale;
                        }
                    }
                }
                return out;
            }
        },
        EQUALIZE {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                float[] out = image.clone();
                int plane = height * width;
                for (int c = 0; c < channels; c++) {
                    equalizePlane(image, out, c * plane, plane);
                }
                return out;
            }
        },
        ROTATE {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                double radians = Math.toRadians(signed(30.0 * strength, random));
                double cos = Math.cos(radians);
                double sin = Math.sin(radians);
                return affine(image, channels, height, width, cos, sin, 0, -sin, cos, 0);
            }
        },
        SOLARIZE {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                float threshold = (float) Math.max(0.0, 1.0 - strength);
                float[] out = image.clone();
                if (threshold < 1f) {
                    for (int i = 0; i < out.length; i++) {
                        if (out[i] >= threshold) {
                            out[i] = 1f - out[i];
                        }
                    }
                }
                return out;
            }
        },
        COLOR {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                float factor = enhanceFactor(strength, random);
                if (channels != 3) {
                    return image.clone();
                }
                int plane = height * width;
                float[] grey = new float[image.length];
                for (int i = 0; i < plane; i++) {
                    float luma = luma(image, i, plane);
                    grey[i] = luma;
                    grey[i + plane] = luma;
                    grey[i + 2 * plane] = luma;
                }
                return blend(grey, image, factor);
            }
        },
        POSTERIZE {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                int bits = (int) Math.max(1, Math.min(8, 8 - Math.round(4.0 * strength)));
                int mask = ~((1 << (8 - bits)) - 1) & 0xFF;
                float[] out = new float[image.length];
                for (int i = 0; i < image.length; i++) {
                    out[i] = (quantize(image[i]) & mask) / 255f;
                }
                return out;
            }
        },
        CONTRAST {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                float factor = enhanceFactor(strength, random);
                int plane = height * width;
                double sum = 0;
                for (int i = 0; i < plane; i++) {
                    sum += channels == 3 ? luma(image, i, plane) : image[i];
                }
                float[] mean = new float[image.length];
                Arrays.fill(mean, (float) (sum / plane));
                return blend(mean, image, factor);
            }
        },
        BRIGHTNESS {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                return blend(new float[image.length], image, enhanceFactor(strength, random));
            }
        },
        SHARPNESS {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                float factor = enhanceFactor(strength, random);
                // PIL's smoothing kernel [[1,1,1],[1,5,1],[1,1,1]] / 13 on inner pixels; the border stays as it is.
                float[] smooth = image.clone();
                int plane = height * width;
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    for (int y = 1; y < height - 1; y++) {
                        for (int x = 1; x < width - 1; x++) {
                            float sum = 0f;
                            for (int dy = -1; dy <= 1; dy++) {
                                for (int dx = -1; dx <= 1; dx++) {
                                    sum += image[base + (y + dy) * width + x + dx];
                                }
                            }
                            int at = base + y * width + x;
                            smooth[at] = (sum + 4f * image[at]) / 13f;
                        }
                    }
                }
                return blend(smooth, image, factor);
            }
        },
        SHEAR_X {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                return affine(image, channels, height, width, 1, signed(0.3 * strength, random), 0, 0, 1, 0);
            }
        },
        SHEAR_Y {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                return affine(image, channels, height, width, 1, 0, 0, signed(0.3 * strength, random), 1, 0);
            }
        },
        TRANSLATE_X {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                double pixels = signed(0.45 * strength * width, random);
                return affine(image, channels, height, width, 1, 0, -pixels, 0, 1, 0);
            }
        },
        TRANSLATE_Y {
            @Override
            float[] transform(float[] image, int channels, int height, int width, double strength, Random random) {
                double pixels = signed(0.45 * strength * height, random);
                return affine(image, channels, height, width, 1, 0, 0, 0, 1, -pixels);
            }
        };

        /** This op on {@code image} at {@code magnitude} (RandAugment units); a new array in [0, 1]. */
        public float[] apply(float[] image, int channels, int height, int width, double magnitude, Random random) {
            if (image.length != channels * height * width) {
                throw new IllegalArgumentException("image has " + image.length + " values, not " + channels + "x"
                        + height + "x" + width);
            }
            double strength = Math.min(Math.max(magnitude, 0.0), MAX_MAGNITUDE) / NOMINAL_MAX_MAGNITUDE;
            float[] out = transform(image, channels, height, width, strength, random);
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.min(1f, Math.max(0f, out[i]));
            }
            return out;
        }

        abstract float[] transform(float[] image, int channels, int height, int width, double strength, Random random);
    }

    private static double signed(double value, Random random) {
        return random.nextBoolean() ? value : -value;
    }

    private static float enhanceFactor(double strength, Random random) {
        return (float) Math.max(0.0, 1.0 + signed(0.9 * strength, random));
    }

    private static float luma(float[] image, int i, int plane) {
        return 0.299f * image[i] + 0.587f * image[i + plane] + 0.114f * image[i + 2 * plane];
    }

    /** PIL's ImageEnhance blend: {@code degenerate + factor * (image - degenerate)}. */
    private static float[] blend(float[] degenerate, float[] image, float factor) {
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = degenerate[i] + factor * (image[i] - degenerate[i]);
        }
        return out;
    }

    private static int quantize(float value) {
        return Math.round(Math.min(1f, Math.max(0f, value)) * 255f);
    }

    /** PIL's ImageOps.equalize on one 8-bit plane. */
    private static void equalizePlane(float[] image, float[] out, int from, int length) {
        int[] histogram = new int[256];
        for (int i = from; i < from + length; i++) {
            histogram[quantize(image[i])]++;
        }
        int last = 255;
        while (last > 0 && histogram[last] == 0) {
            last--;
        }
        int step = (length - histogram[last]) / 255;
        if (step == 0) {
            return;
        }
        int[] lut = new int[256];
        int cumulative = step / 2;
        for (int v = 0; v < 256; v++) {
            lut[v] = Math.min(255, cumulative / step);
            cumulative += histogram[v];
        }
        for (int i = from; i < from + length; i++) {
            out[i] = lut[quantize(image[i])] / 255f;
        }
    }

    /**
     * Maps every output pixel centre through the inverse transform {@code (a b tx; d e ty)} about the image centre
     * and takes the nearest source pixel, black outside.
     */
    private static float[] affine(float[] image, int channels, int height, int width,
                                  double a, double b, double tx, double d, double e, double ty) {
        float[] out = new float[image.length];
        double cx = width / 2.0;
        double cy = height / 2.0;
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            double py = y + 0.5 - cy;
            for (int x = 0; x < width; x++) {
                double px = x + 0.5 - cx;
                int sx = (int) Math.floor(a * px + b * py + cx + tx);
                int sy = (int) Math.floor(d * px + e * py + cy + ty);
                if (sx < 0 || sy < 0 || sx >= width || sy >= height) {
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    out[c * plane + y * width + x] = image[c * plane + sy * width + sx];
                }
            }
        }
        return out;
    }
}
