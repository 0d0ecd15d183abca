package org.convspark.driver;

import java.util.List;
import org.convspark.driver.collective.RoundCoordinator;
import org.convspark.driver.collective.StepTotals;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.metrics.TrainingProgress;
import org.convspark.driver.round.StepAggregate;
import org.convspark.engine.layers.BatchResult;

/**
 * Turns what barrier rounds report while they run into the run's epochs: each step's totals into
 * the open epoch's {@link EpochTally} and the step listener, each epoch's end (with the test set
 * evaluated inside the round) into its {@link EpochMetrics}, logged at once. A round may span
 * many epochs, so the driver learns of them from partition 0's reports, on the coordinator's
 * thread, in order; a round the driver reruns reports its first steps again, which are counted
 * once. An epoch's wall time runs from the round's start (its warm-up's end, when it warms up) or
 * the previous epoch's end to its own end, less the slowest partition's test evaluation (as on the tree path, where the evaluation is
 * a job of its own outside the epoch's time); time between rounds (checkpoints) is not counted.
 */
final class LiveEpochs implements BarrierRounds.RoundReports {
    private final BatchSchedule schedule;
    private final long totalSteps;
    private final boolean hasTest;
    private final StepListener listener;
    private final TrainingLog log;
    private final List<EpochMetrics> history;
    private final TrainingProgress progress;
    private long firstStep;
    private long reported;
    private long closedUpTo;
    private EpochTally tally;
    private long segmentStart;
    private RoundCoordinator coordinator;
    private long driverBytesBase;
    private long taskBytesBase;
    private long stepsSinceBytes;

    /** Epochs of a run resuming at {@code step} (0 for a new run), added to {@code history} as they end. */
    LiveEpochs(BatchSchedule schedule, long step, long totalSteps, boolean hasTest, StepListener listener,
               TrainingLog log, List<EpochMetrics> history, TrainingProgress progress) {
        this.schedule = schedule;
        this.totalSteps = totalSteps;
        this.hasTest = hasTest;
        this.listener = listener;
        this.log = log;
        this.history = history;
        this.progress = progress;
        this.reported = step;
        this.closedUpTo = step;
        this.tally = new EpochTally(schedule.epochOf(step) + 1, progress);
    }

    /** A round (or a rerun of one) starts at global step {@code firstStep}, coordinated by {@code coordinator}. */
    @Override
    public void roundStarted(long firstStep, RoundCoordinator coordinator) {
        this.firstStep = firstStep;
        this.coordinator = coordinator;
        this.driverBytesBase = 0;
        this.taskBytesBase = 0;
        this.stepsSinceBytes = 0; // a rerun's coordinator counts the steps it repeats again
    }

    /** Starts the clock of the time the coming rounds take. */
    void clockStarted() {
        segmentStart = System.nanoTime();
    }

    /** The round ended (the coordinator is closed: every report has been handled): counts its open epoch's share. */
    @Override
    public void roundEnded() {
        tally.addWallNanos(System.nanoTime() - segmentStart);
        addBytes(coordinator.driverBytes(), coordinator.partitionBytes(0));
    }

    /**
     * The first round's tasks warmed up ({@link org.convspark.driver.round.RoundWarmUp}): its time,
     * with the round's start (the job's launch, the tasks joining), is logged on its own line, and the
     * first epoch's clock starts now.
     */
    @Override
    public void warmedUp(int passes, int steps) {
        if (reported > firstStep) {
            return; // a rerun's, after the failed attempt's steps were counted: the clock runs on
        }
        long now = System.nanoTime();
        log.info(String.format(java.util.Locale.ROOT, "warm-up: %d engine passes over synthetic samples (partition "
                + "0's), then %d training step%s on the first batches%s, in every task and thrown away, %.1f s with the "
                + "round's start (the JIT compiles a step's code before the first epoch's clock starts)", passes, steps,
                steps == 1 ? "" : "s", hasTest ? " and a test evaluation" : "", (now - segmentStart) / 1e9));
        progress.warmedUp((now - segmentStart) / 1e9);
        segmentStart = now;
    }

    @Override
    public void step(int index, StepTotals totals, long allReduceNanos) {
        long done = firstStep + index + 1;
        stepsSinceBytes++;
        if (done <= reported) {
            return;
        }
        reported = done;
        tally.add(StepAggregate.of(totals), 1);
        tally.addAllReduceNanos(allReduceNanos);
        listener.onStep(done, totalSteps, schedule.epochOf(done - 1) + 1, totals.lossSum() / totals.count());
    }

    @Override
    public void epochEnded(int index, StepTotals test, long taskBytes) {
        long done = firstStep + index + 1;
        if (done <= closedUpTo) {
            return;
        }
        closedUpTo = done;
        long now = System.nanoTime();
        tally.addWallNanos(now - segmentStart - test.maxComputeNanos());
        addBytes(coordinator.driverBytes(), taskBytes);
        EpochMetrics metrics = tally.metrics(hasTest ? new BatchResult(test.lossSum(), test.correct(), test.count())
                : null);
        history.add(metrics);
        log.info(metrics.toLine());
        tally = new EpochTally(schedule.epochOf(Math.min(done, totalSteps - 1)) + 1, progress);
        segmentStart = now;
    }

    private void addBytes(long driverBytes, long taskBytes) {
        if (stepsSinceBytes > 0) {
            tally.addCollectiveBytes(driverBytes - driverBytesBase, taskBytes - taskBytesBase, stepsSinceBytes);
        }
        driverBytesBase = driverBytes;
        taskBytesBase = taskBytes;
        stepsSinceBytes = 0;
    }
}
