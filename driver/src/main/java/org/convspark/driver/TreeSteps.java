package org.convspark.driver;

import org.apache.spark.broadcast.Broadcast;
import org.convspark.driver.round.GradientStep;
import org.convspark.driver.round.StepAggregate;

/**
 * The tree path: each step is one job that broadcasts the parameters, sums the partitions'
 * gradients with a {@code treeAggregate} ({@link GradientStep}) and steps the optimizer on the
 * driver with the mean gradient.
 */
final class TreeSteps implements RoundKind {
    private final RunContext run;

    TreeSteps(RunContext run) {
        this.run = run;
    }

    @Override
    public long roundEnd(long step, long epochEnd, RunCheckpoints checkpoints) {
        return Math.min(step + 1, epochEnd);
    }

    @Override
    public void takeSteps(long step, long end, long totalSteps, EpochTally tally) {
        StepAggregate taken = step(step, tally);
        tally.add(taken, 1);
        run.stepListener().onStep(end, totalSteps, run.schedule().epochOf(step) + 1, taken.lossSum() / taken.count());
    }

    @Override
    public String label() {
        return "tree step";
    }

    /**
     * One step as a {@code treeAggregate} job; the optimizer steps on the driver. The job's time
     * beyond its slowest partition's compute (broadcast, scheduling, the tree's sums) is the tree
     * path's all-reduce, told to {@code tally}.
     */
    StepAggregate step(long step, EpochTally tally) {
        float[] params = run.params();
        // A copy: in local mode tasks would otherwise read the very array the optimizer updates.
        Broadcast<float[]> broadcast = run.sc().broadcast(params.clone());
        StepAggregate sum;
        long begin = System.nanoTime();
        try {
            sum = run.train().shards().treeAggregate(new StepAggregate(),
                    new GradientStep(run.worker(), broadcast, run.schedule(), step, run.config().faultInjection()),
                    MERGE, run.config().treeDepth());
        } finally {
            broadcast.destroy();
        }
        tally.addAllReduceNanos(Math.max(0, System.nanoTime() - begin - sum.maxComputeNanos()));
        run.schedule().checkCovered(step, sum.count());
        float[] meanGradient = new float[params.length];
        sum.vectorDividedBy(sum.count(), meanGradient, 0, params.length);
        run.divergence().check(step, sum.lossSum(), meanGradient, "gradient");
        run.optimizer().step(params, meanGradient, step);
        return sum;
    }
}
