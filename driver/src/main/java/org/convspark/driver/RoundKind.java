package org.convspark.driver;

import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.round.StepAggregate;

/**
 * How a run takes its steps as Spark jobs, one implementation per path: {@link TreeSteps} (a
 * {@code treeAggregate} job per step, the optimizer on the driver), {@link LocalSteps} ({@code
 * syncEvery} local steps per partition in one job, then parameter averaging) and {@link
 * BarrierRounds} (a barrier job whose tasks all-reduce among themselves every step). The trainer
 * walks epochs and checkpoints and asks its kind where each job ends and to take the steps; it
 * branches on no all-reduce mode itself.
 */
interface RoundKind {
    /** How partials of a step are merged, on every path. */
    Function2<StepAggregate, StepAggregate, StepAggregate> MERGE = StepAggregate::merge;

    /** The kind for {@code mode} (as {@link AllReduceChoice} decided it) and the run's {@code syncEvery}. */
    static RoundKind of(AllReduce mode, RunContext run) {
        if (mode == AllReduce.BARRIER) {
            return new BarrierRounds(run);
        }
        return run.config().syncEvery() > 1 ? new LocalSteps(run) : new TreeSteps(run);
    }

    /** Where the job that starts at {@code step} ends; never past {@code epochEnd}. */
    long roundEnd(long step, long epochEnd, RunCheckpoints checkpoints);

    /**
     * Takes steps {@code [step, end)} as one job, leaving the run's parameters and optimizer after
     * them, counting them in {@code tally} and telling the run's step listener.
     */
    void takeSteps(long step, long end, long totalSteps, EpochTally tally);

    /** What Spark's UI calls a job of several steps. */
    String label();

    /**
     * Whether this kind runs the rest of the run by itself, test evaluation included (barrier
     * rounds do when the test set has the training set's partitions).
     */
    default boolean runsToTheEnd(ShardedDataset test) {
        return false;
    }

    /** Runs from {@code step} to {@code totalSteps}, adding each epoch to {@code history}; returns the step reached. */
    default long runToTheEnd(ShardedDataset test, long step, long totalSteps, RunCheckpoints checkpoints,
                             List<EpochMetrics> history) {
        throw new UnsupportedOperationException(label() + " does not run a whole run by itself");
    }
}
