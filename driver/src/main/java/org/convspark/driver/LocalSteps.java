package org.convspark.driver;

import java.util.Arrays;
import org.apache.spark.broadcast.Broadcast;
import org.convspark.driver.round.LocalStepsRound;
import org.convspark.driver.round.OptimizerSettings;
import org.convspark.driver.round.RoundStart;
import org.convspark.driver.round.StepAggregate;
import org.convspark.engine.optim.Optimizer;

/**
 * Local steps ({@code syncEvery = k > 1}): one job covers k steps, each partition stepping its own
 * copy of the parameters and optimizer state on its share of each batch ({@link
 * LocalStepsRound}), then the driver averages them weighted by samples. A job never crosses an
 * epoch's end; a remainder of one step is an ordinary tree step. Fewer jobs, not the same result.
 */
final class LocalSteps implements RoundKind {
    private final RunContext run;
    private final TreeSteps single;

    LocalSteps(RunContext run) {
        this.run = run;
        this.single = new TreeSteps(run);
    }

    @Override
    public long roundEnd(long step, long epochEnd, RunCheckpoints checkpoints) {
        return Math.min(step + run.config().syncEvery(), epochEnd);
    }

    @Override
    public void takeSteps(long step, long end, long totalSteps, EpochTally tally) {
        StepAggregate taken = end - step == 1 ? single.step(step, tally) : round(step, (int) (end - step), tally);
        tally.add(taken, end - step);
        run.stepListener().onStep(end, totalSteps, run.schedule().epochOf(step) + 1, taken.lossSum() / taken.count());
    }

    @Override
    public String label() {
        return "local steps";
    }

    /** The round's job; its time beyond the slowest partition's compute is told to {@code tally} as the all-reduce's. */
    private StepAggregate round(long firstStep, int steps, EpochTally tally) {
        float[] params = run.params();
        Optimizer optimizer = run.optimizer();
        int stateArrays = optimizer.state().length;
        Broadcast<float[][]> broadcast = run.sc().broadcast(RoundStart.pack(params, optimizer));
        StepAggregate sum;
        long begin = System.nanoTime();
        try {
            sum = run.train().shards().treeAggregate(new StepAggregate(),
                    new LocalStepsRound(run.worker(), broadcast, run.schedule(), firstStep, steps,
                            new OptimizerSettings(run.config().optimizer()), run.config().faultInjection()),
                    MERGE, run.config().treeDepth());
        } finally {
            broadcast.destroy();
        }
        tally.addAllReduceNanos(Math.max(0, System.nanoTime() - begin - sum.maxComputeNanos()));
        float[] averaged = new float[sum.vector().length];
        sum.vectorDividedBy(sum.weight(), averaged, 0, averaged.length);
        run.divergence().check(firstStep, sum.lossSum(), averaged, "averaged parameters");
        System.arraycopy(averaged, 0, params, 0, params.length);
        float[][] newState = new float[stateArrays][];
        for (int i = 0; i < stateArrays; i++) {
            newState[i] = Arrays.copyOfRange(averaged, params.length * (i + 1), params.length * (i + 2));
        }
        optimizer.restoreState(newState);
        return sum;
    }
}
