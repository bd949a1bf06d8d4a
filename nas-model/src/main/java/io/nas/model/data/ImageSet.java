package io.nas.model.data;

import java.util.List;
import java.util.Objects;

/**
 * Labelled images held in memory as unsigned bytes, channel-first ({@code N x C x H x W}): a quarter of the memory of
 * floats, which matters for the 60,000 Fashion-MNIST training images. All images share one size.
 */
public final class ImageSet {

    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    /**
     * @param pixels     {@code labels.length * channels * height * width} bytes, 0 black to 255 white
     * @param labels     class index per image, in {@code [0, classNames.size())}
     * @param classNames one name per class; its size is the class count
     */
    public ImageSet(byte[] pixels, int[] labels, int channels, int height, int width, List<String> classNames) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        this.classNames = List.copyOf(classNames);
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, was " + channels + "x" + height + "x"
                    + width);
        }
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + channels + "x" + height + "x" + width
                    + " need " + (long) labels.length * channels * height * width + " bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is not a class index "
                        + "below " + this.classNames.size());
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int classes() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int label(int index) {
        return labels[index];
    }

    /** Values per image: {@code channels * height * width}. */
    public int imageLength() {
        return channels * height * width;
    }

    /** Image {@code index} as floats in [0, 1], channel-first, written to {@code dest} from {@code offset}. */
    public void copyImage(int index, float[] dest, int offset) {
        int length = imageLength();
        int from = index * length;
        for (int i = 0; i < length; i++) {
            dest[offset + i] = (pixels[from + i] & 0xFF) / 255f;
        }
    }

    /** Image {@code index} as a new float array in [0, 1], channel-first. */
    public float[] image(int index) {
        float[] image = new float[imageLength()];
        copyImage(index, image, 0);
        return image;
    }

    /** The images at {@code indices}, in that order (copied). */
    public ImageSet subset(int[] indices) {
        int length = imageLength();
        byte[] subsetPixels = new byte[indices.length * length];
        int[] subsetLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * length, subsetPixels, i * length, length);
            subsetLabels[i] = labels[indices[i]];
        }
        return new ImageSet(subsetPixels, subsetLabels, channels, height, width, classNames);
    }

    /** How many images each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " x " + channels + "x" + height + "x" + width + ", " + classes() + " classes]";
    }
}
