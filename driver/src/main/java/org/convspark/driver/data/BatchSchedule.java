package org.convspark.driver.data;

import java.io.Serializable;
import java.util.Arrays;
import org.convspark.engine.train.EpochOrder;

/**
 * Which samples form each step's global batch: epoch {@code e} visits the samples in the engine's
 * {@link EpochOrder} permutation of {@code (seed, e)}, {@code globalBatch} at a time (the last
 * batch of an epoch may be smaller), exactly the batches of the engine's {@code LocalTrainer}. A
 * pure function of its three fields, computed identically on the driver, on every executor and in
 * the engine-alone reference, so a retried task recomputes exactly the same batch and no index
 * list has to travel.
 *
 * <p>A batch is handed out in ascending index order, so each partition's share is one contiguous
 * run of it; the sample at position {@code k} of step {@code t}'s (sorted) batch draws its dropout
 * mask from {@code (seed, t * globalBatch + k)}, the engine's convention, so masks do not depend
 * on how the batch is split.
 */
public final class BatchSchedule implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * The last two epochs' permutations, shared read-only by task threads: one is recomputed only
     * when the steps move to an epoch not cached (a round's warm-up, spanning epochs, then the steps
     * from the first again, recompute each once more).
     */
    private static volatile CachedPermutation cached;
    private static volatile CachedPermutation previous;

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
        return stepsPerEpoch(sampleCount, globalBatch);
    }

    private static int stepsPerEpoch(int sampleCount, int globalBatch) {
        return (int) (((long) sampleCount + globalBatch - 1) / globalBatch);
    }

    /**
     * The steps a run of {@code epochs} over {@code sampleCount} samples in batches of {@code
     * globalBatch} takes, at most {@code maxSteps} when that is positive: the length a cosine
     * schedule spans.
     */
    public static long totalSteps(int sampleCount, int globalBatch, int epochs, long maxSteps) {
        long total = (long) epochs * stepsPerEpoch(sampleCount, globalBatch);
        return maxSteps > 0 ? Math.min(total, maxSteps) : total;
    }

    /** The epoch of global step {@code step} (counted from 0 over the whole run). */
    public int epochOf(long step) {
        return Math.toIntExact(step / stepsPerEpoch());
    }

    /** The global indices of step {@code step}'s batch, ascending. */
    public int[] batch(long step) {
        int epoch = epochOf(step);
        int from = firstOfBatch(step);
        int to = Math.min(sampleCount, from + globalBatch);
        int[] indices = Arrays.copyOfRange(permutation(epoch), from, to);
        // Ascending order makes every partition's share a contiguous run of the batch.
        if (indices.length <= INSERTION_SORT_MAX) {
            insertionSort(indices);
        } else {
            Arrays.sort(indices);
        }
        return indices;
    }

    /**
     * Batches up to this size are sorted by insertion (4,000 comparisons at 128): every task sorts
     * its batch at every step, and Arrays.sort's code is large enough that the JIT's compiling it
     * took 35-55 ms of a core in a LeNet-5 run's second epoch, while both tasks wanted both cores.
     */
    private static final int INSERTION_SORT_MAX = 256;

    private static void insertionSort(int[] a) {
        for (int i = 1; i < a.length; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** How many samples step {@code step}'s batch holds (the last of an epoch may hold fewer). */
    public int batchSize(long step) {
        return Math.min(sampleCount, firstOfBatch(step) + globalBatch) - firstOfBatch(step);
    }

    /**
     * Refuses a step whose partitions processed other than its batch's samples: a shard layout that
     * does not cover the batch would otherwise go on as a quietly smaller or larger step.
     */
    public void checkCovered(long step, long processed) {
        int batch = batchSize(step);
        if (processed != batch) {
            throw new IllegalStateException("step " + step + ": the partitions processed " + processed
                    + " samples, the batch has " + batch);
        }
    }

    /** The epoch position of step {@code step}'s first sample. */
    private int firstOfBatch(long step) {
        return (int) (step % stepsPerEpoch()) * globalBatch;
    }

    public long seed() {
        return seed;
    }

    /** The dropout sample index of position 0 of step {@code step}'s batch. */
    public long firstSampleIndex(long step) {
        return step * globalBatch;
    }

    int[] permutation(int epoch) {
        // Two epochs kept: at an epoch's last step the read-ahead asks for the next epoch's batch while
        // other task threads still ask for this one's.
        for (CachedPermutation c : new CachedPermutation[] {cached, previous}) {
            if (c != null && c.seed == seed && c.sampleCount == sampleCount && c.epoch == epoch) {
                return c.permutation;
            }
        }
        int[] p = EpochOrder.permutation(seed, epoch, sampleCount);
        synchronized (BatchSchedule.class) {
            CachedPermutation c = cached;
            boolean held = c != null && c.seed == seed && c.sampleCount == sampleCount && c.epoch == epoch;
            if (!held) { // another thread may have put it meanwhile: shifting again would drop the other epoch
                previous = c;
                cached = new CachedPermutation(seed, sampleCount, epoch, p);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "batches of " + globalBatch + " from " + sampleCount + " samples, " + stepsPerEpoch()
                + " steps per epoch, seed " + seed;
    }

    private record CachedPermutation(long seed, int sampleCount, int epoch, int[] permutation) {
    }
}
