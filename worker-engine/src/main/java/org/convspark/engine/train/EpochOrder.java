package org.convspark.engine.train;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the samples: a Fisher-Yates shuffle drawn from
 * {@code (seed, epoch)} alone, so a run is reproducible and any epoch's order can be recomputed
 * (after a resume, or on another machine) without replaying earlier epochs.
 */
public final class EpochOrder {
    private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    private EpochOrder() {
    }

    public static int[] permutation(long seed, long epoch, int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed + (epoch + 1) * EPOCH_STRIDE);
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
