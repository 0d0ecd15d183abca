package org.convspark.driver;

import org.convspark.driver.metrics.TrainingProgress;
import org.convspark.driver.round.StepAggregate;
import org.convspark.engine.layers.BatchResult;

/**
 * One epoch's running totals, whichever way its steps were taken (a step, a local-steps round or
 * a barrier round's steps), turned into its {@link EpochMetrics} at the epoch's end. What it counts
 * it also tells the run's {@link TrainingProgress}, the figures Spark's metrics show while the epoch
 * is still under way.
 */
final class EpochTally {
    private final int epoch;
    private final TrainingProgress progress;
    private long steps;
    private double lossSum;
    private long correct;
    private long samples;
    private long computeNanos;
    private long wallNanos;
    private long collectiveSteps;
    private double driverBytes;
    private double taskBytes;

    /** @param epoch the epoch's number, from 1 */
    EpochTally(int epoch, TrainingProgress progress) {
        this.epoch = epoch;
        this.progress = progress;
    }

    /** Counts {@code taken}, covering {@code steps} global steps; its compute time is the slowest partition's. */
    void add(StepAggregate taken, long steps) {
        this.steps += steps;
        lossSum += taken.lossSum();
        correct += taken.correct();
        samples += taken.count();
        computeNanos += taken.maxComputeNanos();
        progress.counted(steps, taken.count(), taken.maxComputeNanos());
    }

    /**
     * Counts a barrier round's communication: bytes the driver received and sent, and bytes
     * partition 0's task sent and received, over {@code steps} steps.
     */
    void addCollectiveBytes(long driver, long partition0, long steps) {
        collectiveSteps += steps;
        driverBytes += driver;
        taskBytes += partition0;
        progress.addAllReduceBytes(partition0);
    }

    /**
     * Time the counted steps spent in their all-reduce beyond the compute: partition 0's wait for
     * the collective in barrier rounds, the rest of the step's job on the tree path.
     */
    void addAllReduceNanos(long nanos) {
        progress.allReduced(nanos);
    }

    /** Driver wall time spent taking the counted steps (jobs, aggregation, optimizer). */
    void addWallNanos(long nanos) {
        wallNanos += nanos;
        progress.timed(nanos);
    }

    /** The epoch's metrics, with the test evaluation's result (null without a test set). */
    EpochMetrics metrics(BatchResult test) {
        double seconds = wallNanos / 1e9;
        double compute = computeNanos / 1e9;
        return new EpochMetrics(epoch, steps, samples, lossSum / samples, (double) correct / samples,
                test == null ? Double.NaN : test.meanLoss(), test == null ? Double.NaN : test.accuracy(),
                seconds, compute, Math.max(0, seconds - compute),
                collectiveSteps == 0 ? Double.NaN : driverBytes / collectiveSteps,
                collectiveSteps == 0 ? Double.NaN : taskBytes / collectiveSteps);
    }
}
