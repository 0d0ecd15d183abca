package org.convspark.driver.data;

import java.util.Arrays;

/**
 * Consecutive samples, the global indices {@code [start, start + count())}, packed into one
 * {@code float[]} and one {@code int[]} (never an object per image). A partition of a {@link
 * ShardedDataset} holds exactly one, built once at load time from smaller pieces of the same kind
 * (runs of samples, or single samples from an RDD) and then left in place; steps only read it.
 */
public final class Shard {
    private final int start;
    private final int sampleSize;
    private final float[] pixels;
    private final int[] labels;

    public Shard(int start, int sampleSize, float[] pixels, int[] labels) {
        if ((long) labels.length * sampleSize != pixels.length) {
            throw new IllegalArgumentException("shard at " + start + ": " + labels.length + " labels of "
                    + sampleSize + " values need " + (long) labels.length * sampleSize + " floats, got "
                    + pixels.length);
        }
        this.start = start;
        this.sampleSize = sampleSize;
        this.pixels = pixels;
        this.labels = labels;
    }

    public int start() {
        return start;
    }

    public int count() {
        return labels.length;
    }

    public int end() {
        return start + labels.length;
    }

    public int sampleSize() {
        return sampleSize;
    }

    public float[] pixels() {
        return pixels;
    }

    public int[] labels() {
        return labels;
    }

    /**
     * The part of an ascending global batch that this shard holds: {@code [from, to)} positions
     * in {@code batch}. Positions, not counts, because a sample's dropout mask follows its
     * position in the global batch.
     */
    public int[] heldRange(int[] batch) {
        return new int[] {lowerBound(batch, start), lowerBound(batch, end())};
    }

    /** Copies the samples {@code batch[from, to)} (all held here) into the front of the two arrays. */
    public void gather(int[] batch, int from, int to, float[] imagesOut, int[] labelsOut) {
        for (int j = from; j < to; j++) {
            int local = batch[j] - start;
            System.arraycopy(pixels, local * sampleSize, imagesOut, (j - from) * sampleSize, sampleSize);
            labelsOut[j - from] = labels[local];
        }
    }

    private static int lowerBound(int[] sorted, int key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == key) {
            i--;
        }
        return i;
    }

    @Override
    public String toString() {
        return "shard [" + start + ", " + end() + ")";
    }
}
