package org.convspark.driver.data;

import java.util.Arrays;

/**
 * Consecutive samples, the global indices {@code [start, start + count())}: their values in
 * {@link SampleChunks} (compact, chunked, in the heap or on an executor's disk) and their labels
 * in one {@code int[]} (never an object per image). A partition of a {@link ShardedDataset} holds
 * exactly one, built once at load time from smaller pieces of the same kind (runs of samples, or
 * single samples from an RDD) and then left in place; steps only read it, as floats.
 */
public final class Shard {
    /** Chunks of the pieces that travel to their partitions: one chunk, as the piece is small. */
    private static final long PIECE_CHUNK_BYTES = Integer.MAX_VALUE;
    private final int start;
    private final SampleChunks samples;
    private final int[] labels;

    public Shard(int start, SampleChunks samples, int[] labels) {
        if (labels.length != samples.count()) {
            throw new IllegalArgumentException("shard at " + start + ": " + labels.length + " labels for "
                    + samples.count() + " samples");
        }
        this.start = start;
        this.samples = samples;
        this.labels = labels;
    }

    /** Samples of {@code sampleSize} values in {@code pixels}, kept in the heap in their source precision. */
    public static Shard of(int start, int sampleSize, float[] pixels, int[] labels) {
        if ((long) labels.length * sampleSize != pixels.length) {
            throw new IllegalArgumentException("shard at " + start + ": " + labels.length + " labels of "
                    + sampleSize + " values need " + (long) labels.length * sampleSize + " floats, got "
                    + pixels.length);
        }
        SampleChunks.Builder builder = new SampleChunks.Builder(SampleChunks.Encoding.of(pixels, 0, pixels.length),
                sampleSize, labels.length, PIECE_CHUNK_BYTES, null);
        for (int j = 0; j < labels.length; j++) {
            builder.put(j, pixels, j * sampleSize);
        }
        return new Shard(start, builder.build(), labels);
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
        return samples.sampleSize();
    }

    /** The samples' values as they are kept. */
    public SampleChunks samples() {
        return samples;
    }

    /** The values of local samples {@code [from, from + n)}, as floats, into the front of {@code out}. */
    public void copy(int from, int n, float[] out) {
        int size = samples.sampleSize();
        for (int j = 0; j < n; j++) {
            samples.read(from + j, out, j * size);
        }
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

    /** Copies the samples {@code batch[from, to)} (all held here), as floats, into the front of the two arrays. */
    public void gather(int[] batch, int from, int to, float[] imagesOut, int[] labelsOut) {
        int size = samples.sampleSize();
        for (int j = from; j < to; j++) {
            int local = batch[j] - start;
            samples.read(local, imagesOut, (j - from) * size);
            labelsOut[j - from] = labels[local];
        }
    }

    /**
     * Reads the samples {@code batch[from, to)} (all held here) from a shard's file ahead of the
     * step that gathers them, so the operating system holds them then; returns the bytes read (0
     * for a shard in memory).
     */
    public long readAhead(int[] batch, int from, int to) {
        return samples.readAhead(batch, from, to, start);
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
