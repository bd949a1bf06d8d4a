package io.nas.model.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Batches of indices in a seeded random order (or in order), optionally without the last partial batch. DJL's own
 * {@code RandomSampler} draws from a process-wide generator, so its epochs cannot be replayed from a seed.
 */
public final class SeededBatchSampler implements Sampler {

    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;

    public SeededBatchSampler(int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.seed = seed;
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        int size = Math.toIntExact(dataset.size());
        int[] order = shuffle ? Mixup.permutation(size, new Random(seed)) : identity(size);
        int batches = dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public List<Long> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next * batchSize;
                int to = Math.min(size, from + batchSize);
                List<Long> batch = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    batch.add((long) order[i]);
                }
                next++;
                return batch;
            }
        };
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }

    /** Batches one pass yields over {@code size} examples. */
    public int batches(long size) {
        return Math.toIntExact(dropLast ? size / batchSize : (size + batchSize - 1) / batchSize);
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }
}
