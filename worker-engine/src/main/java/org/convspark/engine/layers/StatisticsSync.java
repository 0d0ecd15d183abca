package org.convspark.engine.layers;

/**
 * Sums a layer's per-channel statistics over every part of a step's batch: the engine's threads
 * and the partitions of a distributed step. Batch norm calls it so that its statistics are the
 * whole batch's however the batch was split, which keeps the result independent of the number
 * of threads and partitions (beyond float rounding). Every part of a step calls {@link #sum} the
 * same number of times in the same order, also a part with no samples; the sum is taken in an
 * order fixed by the parts' positions, in double.
 */
@FunctionalInterface
public interface StatisticsSync {
    /** For a batch that is not split: the part's values are the sum. */
    StatisticsSync NONE = (values, length) -> {
    };

    /** Replaces {@code values[0 .. length)} by their sum over every part of the step's batch. */
    void sum(double[] values, int length);
}
