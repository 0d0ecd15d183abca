package org.convspark.driver.metrics;

/**
 * A training run's progress as the driver's metrics read it. The trainer writes the figures it
 * already computes for its epoch lines: after every step the step, epoch and loss; as it counts
 * steps their samples, the slowest partition's engine time and the time their all-reduce took
 * beyond the compute; whenever it has timed counted steps, their wall time; and the collective's
 * byte counts as barrier rounds report them. Spark's metric sinks read the getters on their own
 * threads.
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
    private volatile double stepMillis = Double.NaN;
    private volatile double stepAllReduceMillis = Double.NaN;
    private volatile long allReduceBytes;
    private volatile double warmUpSeconds;
    /** The stretch counted since the last wall time (guarded by this). */
    private long stretchSteps;
    private long stretchSamples;
    private long stretchComputeNanos;
    private long stretchAllReduceNanos;
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
        this.stepMillis = Double.NaN;
        this.stepAllReduceMillis = Double.NaN;
        this.allReduceBytes = 0;
        this.warmUpSeconds = 0;
        this.stretchSteps = 0;
        this.stretchSamples = 0;
        this.stretchComputeNanos = 0;
        this.stretchAllReduceNanos = 0;
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

    /** Steps counted (or about to be) spent {@code nanos} in their all-reduce beyond the compute. */
    public synchronized void allReduced(long nanos) {
        stretchAllReduceNanos += nanos;
    }

    /** The steps counted since the last call took {@code wallNanos} of the driver's time: they become the latest stretch. */
    public synchronized void timed(long wallNanos) {
        stretchWallNanos += wallNanos;
        if (stretchSteps == 0 || stretchWallNanos <= 0) {
            return;
        }
        imagesPerSecond = stretchSamples / (stretchWallNanos / 1e9);
        stepMillis = stretchWallNanos / 1e6 / stretchSteps;
        stepComputeMillis = stretchComputeNanos / 1e6 / stretchSteps;
        stepAllReduceMillis = stretchAllReduceNanos / 1e6 / stretchSteps;
        stretchSteps = 0;
        stretchSamples = 0;
        stretchComputeNanos = 0;
        stretchAllReduceNanos = 0;
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

    /** The driver's wall time per step over the latest stretch. */
    public double stepMillis() {
        return stepMillis;
    }

    /** The slowest partition's engine time per step over the latest stretch. */
    public double stepComputeMillis() {
        return stepComputeMillis;
    }

    /**
     * The all-reduce's time per step over the latest stretch, beyond what the compute hid: in
     * barrier rounds how long partition 0 waited for the collective once its own compute was done,
     * less the slowest partition's extra compute (which {@link #stepComputeMillis} counts); on the
     * tree path the rest of the step's job
     * (broadcast, scheduling, the tree's sums). What remains of {@link #stepMillis} is the
     * optimizer step and the driver's coordination.
     */
    public double stepAllReduceMillis() {
        return stepAllReduceMillis;
    }

    /** Bytes partition 0's task sent and received in barrier rounds this run; 0 on the tree path. */
    public long allReduceBytes() {
        return allReduceBytes;
    }

    /**
     * The run warmed up for {@code seconds} before its first epoch's clock started (the warm-up job,
     * or the first barrier round's start and warm-up): time the epochs' figures do not hold.
     */
    public void warmedUp(double seconds) {
        warmUpSeconds += seconds;
    }

    /** Seconds the run spent warming up so far (see {@link #warmedUp}). */
    public double warmUpSeconds() {
        return warmUpSeconds;
    }
}
