package org.convspark.driver.round;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.Shard;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.optim.Optimizer;

/**
 * A round of {@code syncEvery = k > 1} local steps on one partition (a throughput option, not
 * exact synchronous SGD): starting from the broadcast parameters and optimizer state, the
 * partition takes the next k global steps using only its own share of each batch (mean gradient
 * over that share), then adds its parameters and optimizer state, weighted by the samples it
 * used, to the aggregate; the driver divides by the total weight (parameter averaging). With k = 1
 * the trainer never uses this class.
 */
public final class LocalStepsRound implements Function2<StepAggregate, Shard, StepAggregate> {
    private static final long serialVersionUID = 1L;

    private final WorkerSpec worker;
    private final Broadcast<float[][]> start;
    private final BatchSchedule schedule;
    private final long firstStep;
    private final int steps;
    private final OptimizerSettings optimizer;
    private final FaultInjection fault;

    public LocalStepsRound(WorkerSpec worker, Broadcast<float[][]> start, BatchSchedule schedule, long firstStep, int steps,
                    OptimizerSettings optimizer, FaultInjection fault) {
        this.worker = worker;
        this.start = start;
        this.schedule = schedule;
        this.firstStep = firstStep;
        this.steps = steps;
        this.optimizer = optimizer;
        this.fault = fault;
    }

    @Override
    public StepAggregate call(StepAggregate aggregate, Shard shard) {
        if (fault != null) {
            fault.apply(firstStep);
        }
        long begin = System.nanoTime();
        WorkerContext context = WorkerContext.forSpec(worker);
        float[] params = RoundStart.params(start.value());
        Optimizer local = WorkerContext.forSpec(worker).network().optimizer(RoundStart.optimizer(start.value(),
                optimizer));
        int n = params.length;
        float[] mean = new float[n];
        long used = 0;
        for (long step = firstStep; step < firstStep + steps; step++) {
            BatchResult result = context.trainShare(shard, schedule, step, params);
            long count = result.count();
            if (count == 0) {
                continue;
            }
            float[] gradient = context.gradient();
            for (int i = 0; i < n; i++) {
                mean[i] = gradient[i] / count;
            }
            local.step(params, mean, step);
            aggregate.addResult(result);
            used += count;
        }
        if (used > 0) {
            float[][] state = local.state();
            float[] packed = LocalStepsRound.pack(params, state);
            aggregate.addVector(packed, packed.length, used);
        }
        aggregate.addCompute(System.nanoTime() - begin);
        return aggregate;
    }

    /** Parameters followed by every state array: the vector a round averages. */
    static float[] pack(float[] params, float[][] state) {
        int length = params.length;
        for (float[] s : state) {
            length += s.length;
        }
        float[] packed = java.util.Arrays.copyOf(params, length);
        int offset = params.length;
        for (float[] s : state) {
            System.arraycopy(s, 0, packed, offset, s.length);
            offset += s.length;
        }
        return packed;
    }
}
