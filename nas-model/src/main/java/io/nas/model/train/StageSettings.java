package io.nas.model.train;

/**
 * What one stage of progressive learning trains with: image size in pixels, classifier dropout rate, RandAugment
 * magnitude (reference units, 10 nominal maximum, 0 none) and mixup alpha (0 none).
 */
public record StageSettings(int imageSize, double dropout, double randAugmentMagnitude, double mixupAlpha) {

    public StageSettings {
        if (imageSize < 1) {
            throw new IllegalArgumentException("imageSize must be >= 1, was " + imageSize);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        if (!(randAugmentMagnitude >= 0)) {
            throw new IllegalArgumentException("randAugmentMagnitude must be >= 0, was " + randAugmentMagnitude);
        }
        if (!(mixupAlpha >= 0)) {
            throw new IllegalArgumentException("mixupAlpha must be >= 0, was " + mixupAlpha);
        }
    }
}
