package org.convspark.driver.round;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.convspark.driver.data.Shard;

/** Loss and hits of every sample of a shard under the broadcast parameters (no dropout, no gradient). */
public final class EvaluationPass implements Function2<StepAggregate, Shard, StepAggregate> {
    private static final long serialVersionUID = 1L;

    /** Samples evaluated at a time: the floats of a slice, not of the whole shard, are made at once. */
    private static final int EVALUATION_SLICE = 256;
    private final WorkerSpec worker;
    private final Broadcast<float[]> params;

    public EvaluationPass(WorkerSpec worker, Broadcast<float[]> params) {
        this.worker = worker;
        this.params = params;
    }

    @Override
    public StepAggregate call(StepAggregate aggregate, Shard shard) {
        long start = System.nanoTime();
        WorkerContext context = WorkerContext.forSpec(worker);
        aggregate.addResult(context.evaluate(params.value(), shard, EVALUATION_SLICE));
        aggregate.addCompute(System.nanoTime() - start);
        return aggregate;
    }
}
