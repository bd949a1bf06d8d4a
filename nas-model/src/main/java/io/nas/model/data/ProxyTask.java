package io.nas.model.data;

import java.util.Arrays;
import java.util.Random;

/**
 * The proxy task a candidate trains on, MnasNet style: a validation split held out from the <em>training</em> set
 * (the reward never sees the test set) and a training split, disjoint, both drawn by one seeded shuffle. The
 * validation split takes the first {@code validationExamples} of the shuffle and training the next
 * {@code trainExamples}, so the validation split of a seed stays the same when the training budget changes.
 */
public final class ProxyTask {

    private final ImageSet source;
    private final int[] trainIndices;
    private final int[] validationIndices;
    private final ImageSet training;
    private final ImageSet validation;

    private ProxyTask(ImageSet source, int[] trainIndices, int[] validationIndices) {
        this.source = source;
        this.trainIndices = trainIndices;
        this.validationIndices = validationIndices;
        this.training = source.subset(trainIndices);
        this.validation = source.subset(validationIndices);
    }

    /** Carves {@code trainExamples} training and {@code validationExamples} validation images from {@code trainingSet}. */
    public static ProxyTask carve(ImageSet trainingSet, int trainExamples, int validationExamples, long seed) {
        if (trainExamples < 1 || validationExamples < 1) {
            throw new IllegalArgumentException("trainExamples and validationExamples must be >= 1, were "
                    + trainExamples + " and " + validationExamples);
        }
        if ((long) trainExamples + validationExamples > trainingSet.size()) {
            throw new IllegalArgumentException(trainExamples + " training + " + validationExamples
                    + " validation examples exceed the " + trainingSet.size() + " images available");
        }
        int[] order = Mixup.permutation(trainingSet.size(), new Random(seed));
        int[] validation = Arrays.copyOfRange(order, 0, validationExamples);
        int[] train = Arrays.copyOfRange(order, validationExamples, validationExamples + trainExamples);
        return new ProxyTask(trainingSet, train, validation);
    }

    public ImageSet source() {
        return source;
    }

    public ImageSet training() {
        return training;
    }

    /** The held-out split the reward's accuracy is measured on. */
    public ImageSet validation() {
        return validation;
    }

    /** Indices of the training split in the source set (a copy). */
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    /** Indices of the validation split in the source set (a copy). */
    public int[] validationIndices() {
        return validationIndices.clone();
    }

    public int channels() {
        return source.channels();
    }

    public int classes() {
        return source.classes();
    }

    /**
     * One epoch of training batches at {@code imageSize}: shuffled and augmented from {@code epochSeed}, the last
     * partial batch dropped (batch norm needs more than one example, and every epoch then has the same steps).
     */
    public ProxyDataset trainingEpoch(int imageSize, int batchSize, RandAugment augmentation, Mixup mixup,
                                      long epochSeed) {
        return ProxyDataset.builder(training)
                .imageSize(imageSize)
                .optAugmentation(augmentation)
                .optMixup(mixup)
                .optSeed(epochSeed)
                .setSampling(new SeededBatchSampler(batchSize, true, true, epochSeed))
                .build();
    }

    /** The validation split at {@code imageSize}, in order, unaugmented, every example once. */
    public ProxyDataset validationSet(int imageSize, int batchSize) {
        return ProxyDataset.builder(validation)
                .imageSize(imageSize)
                .setSampling(new SeededBatchSampler(batchSize, false, false, 0))
                .build();
    }

    /** Training steps per epoch at {@code batchSize}. */
    public int stepsPerEpoch(int batchSize) {
        return trainIndices.length / batchSize;
    }

    @Override
    public String toString() {
        return "ProxyTask[" + trainIndices.length + " training, " + validationIndices.length + " validation of "
                + source + "]";
    }
}
