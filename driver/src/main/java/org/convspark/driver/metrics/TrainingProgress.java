package org.convspark.driver.metrics;

/**
 * A training run's progress as the driver's metrics read it. The trainer writes the figures it
 * already computes for its epoch lines: after every step the step, epoch and loss; as it counts
 * steps their samples and the slowest partition's engine time; whenever it has timed counted
 * steps, their wall time; and the collective's byte counts as barrier rounds report them. Spark's
 * metric sinks read the getters on their own threads.
 *
 * <p>The per-step times and images/s cover the latest timed stretch: one step on the tree path
 * (the driver times each job), a local-steps round, or the steps of a barrier round up to an
 * epoch's end or the round's end (the driver learns of a barrier step's totals, not of its time).
 * Time without counted steps (a round ending right after an epoch's end) joins the next stretch,
 * as {@code EpochTally} counts it into the next epoch.
 *
 * <p>{@link #driver()} is the one the trainer writes: Spark makes the plugin before any trainer
 * exists, so the two meet in a per-JVM instance. Several runs at once in one driver overwrite each
 * other's figures; each run starts them afresh ({@link #started}). Cost to the trainer: a few
 * volatile writes and an uncontended lock per step, read or not.
 */
public final class TrainingProgress {
    private static final TrainingProgress DRIVER = new TrainingProgress();

    private volatile long step;
    private volatile long totalSteps;
    private volatile int epoch;
    private volatile double loss = Double.NaN;
    private volatile double imagesPerSecond = Double.NaN;
    private volatile double stepComputeMillis = Double.NaN;
    private volatile double stepCommunicationMillis = Double.NaN;
    private volatile long allReduceBytes;
    /** The stretch counted since the last wall time (guarded by this). */
    private long stretchSteps;
    private long stretchSamples;
    private long stretchComputeNanos;
    private long stretchWallNanos;

    /** This driver JVM's: what the trainer writes and the plugin's gauges read. */
    public static TrainingProgress driver() {
        return DRIVER;
    }

    /** A run starting (or resuming) at {@code step} of {@code totalSteps}, in epoch {@code epoch} (from 1). */
    public synchronized void started(long step, long totalSteps, int epoch) {
        this.totalSteps = totalSteps;
        this.epoch = epoch;
        this.loss = Double.NaN;
        this.imagesPerSecond = Double.NaN;
        this.stepComputeMillis = Double.NaN;
        this.stepCommunicationMillis = Double.NaN;
        this.allReduceBytes = 0;
        this.stretchSteps = 0;
        this.stretchSamples = 0;
        this.stretchComputeNanos = 0;
        this.stretchWallNanos = 0;
        this.step = step;
    }

    /** Global step {@code step} (counted from 1) of epoch {@code epoch} is done, with mean loss {@code meanLoss}. */
    public void stepDone(long step, int epoch, double meanLoss) {
        this.epoch = epoch;
        this.loss = meanLoss;
        this.step = step;
    }

    /** {@code steps} steps counted, of {@code samples} samples, the slowest partition's engine taking {@code slowestComputeNanos}. */
    public synchronized void counted(long steps, long samples, long slowestComputeNanos) {
        stretchSteps += steps;
        stretchSamples += samples;
        stretchComputeNanos += slowestComputeNanos;
    }

    /** The steps counted since the last call took {@code wallNanos} of the driver's time: they become the latest stretch. */
    public synchronized void timed(long wallNanos) {
        stretchWallNanos += wallNanos;
        if (stretchSteps == 0 || stretchWallNanos <= 0) {
            return;
        }
        imagesPerSecond = stretchSamples / (stretchWallNanos / 1e9);
        stepComputeMillis = stretchComputeNanos / 1e6 / stretchSteps;
        // Executors' clocks time the compute, the driver's the wall: compute can come out longer.
        stepCommunicationMillis = Math.max(0, stretchWallNanos - stretchComputeNanos) / 1e6 / stretchSteps;
        stretchSteps = 0;
        stretchSamples = 0;
        stretchComputeNanos = 0;
        stretchWallNanos = 0;
    }

    /** Bytes partition 0's task sent and received in the collective, since the last count. */
    public synchronized void addAllReduceBytes(long bytes) {
        allReduceBytes += bytes;
    }

    /** Global steps done, those before a resume included; the resumed step before the first. */
    public long step() {
        return step;
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** The epoch (from 1) of the latest step; before the first, the first's. */
    public int epoch() {
        return epoch;
    }

    /** Mean training loss over the latest step's samples (a local-steps round's); NaN before the first. */
    public double loss() {
        return loss;
    }

    /** Training samples per second of driver wall time over the latest stretch; NaN before one is timed. */
    public double imagesPerSecond() {
        return imagesPerSecond;
    }

    /** The slowest partition's engine time per step over the latest stretch. */
    public double stepComputeMillis() {
        return stepComputeMillis;
    }

    /**
     * The rest of a step's wall time over the latest stretch: the all-reduce (on the tree path the
     * broadcast, scheduling and {@code treeAggregate} of the step's job), the optimizer step and
     * waiting for the slowest partition: the epoch lines' communication/overhead, per step.
     */
    public double stepCommunicationMillis() {
        return stepCommunicationMillis;
    }

    /** Bytes partition 0's task sent and received in barrier rounds this run; 0 on the tree path. */
    public long allReduceBytes() {
        return allReduceBytes;
    }
}
