package io.nas.contract.arch;

/**
 * What surrounds the searched blocks: input resolution (square, pixels) and channels, the stem (conv3x3 stride 2 to
 * {@code stem} filters), the head (conv1x1 to {@code head} filters, global pool, dropout) and the classifier to
 * {@code classes}. Widths here are final: the search space's width multiplier does not scale them.
 */
public record NetworkFrame(int resolution, int inChannels, int classes, int stem, int head) {

    public NetworkFrame {
        requirePositive(resolution, "resolution");
        requirePositive(inChannels, "inChannels");
        requirePositive(classes, "classes");
        requirePositive(stem, "stem");
        requirePositive(head, "head");
    }

    /** The frame of the reference ImageNet networks: 224 px RGB, 1000 classes, stem 32, head 1280. */
    public static NetworkFrame imagenet() {
        return new NetworkFrame(224, 3, 1000, 32, 1280);
    }

    public NetworkFrame withStem(int stem) {
        return new NetworkFrame(resolution, inChannels, classes, stem, head);
    }

    public NetworkFrame withResolution(int resolution) {
        return new NetworkFrame(resolution, inChannels, classes, stem, head);
    }

    private static void requirePositive(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, was " + value);
        }
    }
}
