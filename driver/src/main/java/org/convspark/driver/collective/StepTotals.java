package org.convspark.driver.collective;

import org.convspark.engine.layers.BatchResult;

/**
 * A step's scalars summed over partitions alongside its gradient: loss sum, correct predictions,
 * samples, and the engine time of the partitions (summed, and the slowest one's). Added in
 * partition order, so every task that adds the same partials gets the same totals.
 */
public record StepTotals(double lossSum, long correct, long count, long computeNanos, long maxComputeNanos) {
    public static final StepTotals ZERO = new StepTotals(0, 0, 0, 0, 0);

    /** One partition's share: its batch result and the nanoseconds its engine took. */
    public static StepTotals of(BatchResult result, long computeNanos) {
        return new StepTotals(result.lossSum(), result.correct(), result.count(), computeNanos, computeNanos);
    }

    public StepTotals plus(StepTotals other) {
        return new StepTotals(lossSum + other.lossSum, correct + other.correct, count + other.count,
                computeNanos + other.computeNanos, Math.max(maxComputeNanos, other.maxComputeNanos));
    }
}
