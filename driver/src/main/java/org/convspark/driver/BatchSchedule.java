package org.convspark.driver;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which samples form each step's global batch: epoch {@code e} visits the samples in a
 * permutation drawn from {@code (seed, e)}, {@code globalBatch} at a time (the last batch of an
 * epoch may be smaller). A pure function of its three fields, computed identically on the driver,
 * on every executor and in the engine-alone reference, so a retried task recomputes exactly the
 * same batch and no index list has to travel.
 */
public final class BatchSchedule implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The epoch permutation is recomputed at most once per JVM and epoch; shared read-only by task threads. */
    private static volatile CachedPermutation cached;

    private final long seed;
    private final int sampleCount;
    private final int globalBatch;

    public BatchSchedule(long seed, int sampleCount, int globalBatch) {
        if (sampleCount < 1) {
            throw new IllegalArgumentException("a training set needs at least one sample, got " + sampleCount);
        }
        if (globalBatch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + globalBatch);
        }
        this.seed = seed;
        this.sampleCount = sampleCount;
        this.globalBatch = globalBatch;
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int globalBatch() {
        return globalBatch;
    }

    public int stepsPerEpoch() {
        return (sampleCount + globalBatch - 1) / globalBatch;
    }

    /** The epoch of global step {@code step} (counted from 0 over the whole run). */
    public int epochOf(long step) {
        return Math.toIntExact(step / stepsPerEpoch());
    }

    /** The global indices of step {@code step}'s batch, ascending. */
    public int[] batch(long step) {
        int epoch = epochOf(step);
        int from = (int) (step % stepsPerEpoch()) * globalBatch;
        int to = Math.min(sampleCount, from + globalBatch);
        int[] indices = Arrays.copyOfRange(permutation(epoch), from, to);
        // Ascending order makes every partition's share a contiguous run of the batch.
        Arrays.sort(indices);
        return indices;
    }

    /** The seed of step {@code step}'s dropout masks (masks then follow the sample's position in the batch). */
    public long dropoutSeed(long step) {
        return mix(seed ^ 0x5DEECE66DL, step);
    }

    int[] permutation(int epoch) {
        CachedPermutation c = cached;
        if (c != null && c.seed == seed && c.sampleCount == sampleCount && c.epoch == epoch) {
            return c.permutation;
        }
        int[] p = new int[sampleCount];
        for (int i = 0; i < sampleCount; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch));
        for (int i = sampleCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        cached = new CachedPermutation(seed, sampleCount, epoch, p);
        return p;
    }

    /** SplitMix64's finalizer over both values, so nearby (seed, n) pairs give unrelated streams. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "batches of " + globalBatch + " from " + sampleCount + " samples, " + stepsPerEpoch()
                + " steps per epoch, seed " + seed;
    }

    private record CachedPermutation(long seed, int sampleCount, int epoch, int[] permutation) {
    }
}
