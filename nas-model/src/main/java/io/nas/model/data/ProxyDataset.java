package io.nas.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.TranslateException;
import ai.djl.util.Progress;

import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * A DJL dataset over an {@link ImageSet} at one image size: each example is the source image, augmented by
 * {@link RandAugment} at its own resolution, resized to {@code imageSize x imageSize} ({@link BilinearResize}), as a
 * float32 {@code (C, S, S)} array in [0, 1], with a one-hot float32 label of length {@code classes} (one-hot
 * everywhere, so one soft-label loss serves training with mixup and evaluation alike). Batches get {@link Mixup}
 * when its alpha is above 0. Every random choice derives from the seed, so an epoch replays exactly.
 * Without augmentation the resized images are kept after their first use, which pays off for the validation
 * split, evaluated after every epoch.
 */
public final class ProxyDataset extends RandomAccessDataset {

    private final ImageSet images;
    private final int imageSize;
    private final RandAugment augmentation;
    private final Mixup mixup;
    private final long seed;
    private final BilinearResize resize;
    private final float[][] resized;

    private ProxyDataset(Builder builder) {
        super(builder);
        this.images = builder.images;
        this.imageSize = builder.imageSize;
        this.augmentation = builder.augmentation;
        this.mixup = builder.mixup;
        this.seed = builder.seed;
        this.resize = new BilinearResize(images.height(), images.width(), imageSize, imageSize);
        this.resized = augments() ? null : new float[images.size()][];
    }

    public static Builder builder(ImageSet images) {
        return new Builder(images);
    }

    public ImageSet images() {
        return images;
    }

    public int imageSize() {
        return imageSize;
    }

    public int channels() {
        return images.channels();
    }

    public int classes() {
        return images.classes();
    }

    /** Examples are {@code (C, S, S)}; a batch adds the leading N. */
    public Shape exampleShape() {
        return new Shape(images.channels(), imageSize, imageSize);
    }

    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        float[] image = imageAt(i);
        NDArray data = manager.create(image, exampleShape());
        float[] label = new float[images.classes()];
        label[images.label(i)] = 1f;
        return new Record(new NDList(data), new NDList(manager.create(label, new Shape(images.classes()))));
    }

    /** Example {@code index} as the network sees it: augmented and resized, channel-first (shared when cached). */
    float[] imageAt(int index) {
        if (resized != null && resized[index] != null) {
            return resized[index];
        }
        float[] image = images.image(index);
        if (augments()) {
            image = augmentation.apply(image, images.channels(), images.height(), images.width(),
                    new Random(mix(seed, index)));
        }
        float[] result = resize.resize(image, images.channels());
        if (resized != null) {
            resized[index] = result;
        }
        return result;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler, ExecutorService executorService)
            throws IOException, TranslateException {
        Iterable<Batch> batches = super.getData(manager, sampler, executorService);
        if (mixup == null || mixup.isIdentity()) {
            return batches;
        }
        return () -> new Iterator<>() {
            private final Iterator<Batch> source = batches.iterator();
            // One generator per pass, so iterating the same dataset twice mixes the same way.
            private final Random random = new Random(mix(seed, -1));

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Batch next() {
                return mixed(source.next(), random);
            }
        };
    }

    private Batch mixed(Batch batch, Random random) {
        NDArray data = batch.getData().singletonOrThrow();
        NDArray labels = batch.getLabels().singletonOrThrow();
        int size = batch.getSize();
        float[] pixels = data.toFloatArray();
        float[] soft = labels.toFloatArray();
        mixup.mix(pixels, pixels.length / size, soft, images.classes(), size, random);
        NDManager manager = batch.getManager();
        NDList mixedData = new NDList(manager.create(pixels, data.getShape()));
        NDList mixedLabels = new NDList(manager.create(soft, labels.getShape()));
        // The unmixed arrays live in the batch's manager and are freed with it.
        return new Batch(manager, mixedData, mixedLabels, size, dataBatchifier, labelBatchifier, batch.getProgress(),
                batch.getProgressTotal(), batch.getIndices());
    }

    @Override
    protected long availableSize() {
        return images.size();
    }

    @Override
    public void prepare(Progress progress) {
        // Everything is in memory already.
    }

    private boolean augments() {
        return augmentation != null && !augmentation.isIdentity();
    }

    /** SplitMix64 of the seed and an index: independent streams per example. */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Builds a {@link ProxyDataset}; {@code setSampling} (a {@link SeededBatchSampler} for replayable epochs) is required. */
    public static final class Builder extends BaseBuilder<Builder> {

        private final ImageSet images;
        private int imageSize;
        private RandAugment augmentation;
        private Mixup mixup;
        private long seed;

        private Builder(ImageSet images) {
            this.images = Objects.requireNonNull(images, "images");
            this.imageSize = images.height();
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Side of the square images produced (default: the source height). */
        public Builder imageSize(int imageSize) {
            if (imageSize < 1) {
                throw new IllegalArgumentException("image size must be >= 1, was " + imageSize);
            }
            this.imageSize = imageSize;
            return this;
        }

        public Builder optAugmentation(RandAugment augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public Builder optMixup(Mixup mixup) {
            this.mixup = mixup;
            return this;
        }

        /** Seeds augmentation and mixup (the sampler has its own seed). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public ProxyDataset build() {
            return new ProxyDataset(this);
        }
    }
}
