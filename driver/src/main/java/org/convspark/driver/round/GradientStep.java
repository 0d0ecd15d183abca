package org.convspark.driver.round;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.Shard;
import org.convspark.engine.layers.BatchResult;

/**
 * One synchronous step on one partition (the {@code seqOp} of the step's {@code treeAggregate}):
 * takes the samples of the step's global batch that this shard holds, in ascending global order,
 * and adds the SUM of their gradients, losses and hits to the aggregate. The driver divides once by
 * the batch size, which is what makes 1 and 8 partitions give the same update.
 */
public final class GradientStep implements Function2<StepAggregate, Shard, StepAggregate> {
    private static final long serialVersionUID = 1L;

    private final WorkerSpec worker;
    private final Broadcast<float[]> params;
    private final BatchSchedule schedule;
    private final long step;
    private final FaultInjection fault;

    public GradientStep(WorkerSpec worker, Broadcast<float[]> params, BatchSchedule schedule, long step, FaultInjection fault) {
        this.worker = worker;
        this.params = params;
        this.schedule = schedule;
        this.step = step;
        this.fault = fault;
    }

    @Override
    public StepAggregate call(StepAggregate aggregate, Shard shard) {
        if (fault != null) {
            fault.apply(step);
        }
        long start = System.nanoTime();
        WorkerContext context = WorkerContext.forSpec(worker);
        BatchResult result = context.trainShare(shard, schedule, step, params.value());
        if (result.count() > 0) {
            aggregate.addVector(context.gradient(), context.network().parameterCount(), 1);
            aggregate.addResult(result);
        }
        aggregate.addCompute(System.nanoTime() - start);
        return aggregate;
    }
}
