package org.convspark.driver.round;

import java.util.Iterator;
import org.apache.spark.api.java.function.VoidFunction;
import org.convspark.driver.data.Shard;

/**
 * One task per partition before the first step: warms the engine's kernels in the executor's
 * JVM on synthetic samples ({@link WorkerContext#warmUp}), so the first epoch's throughput is the
 * engine's and not the JIT compiler's. The shard is not read.
 */
public final class WarmUpPass implements VoidFunction<Iterator<Shard>> {
    private static final long serialVersionUID = 1L;

    private final WorkerSpec worker;
    private final int rounds;
    private final int samples;

    public WarmUpPass(WorkerSpec worker, int rounds, int samples) {
        this.worker = worker;
        this.rounds = rounds;
        this.samples = samples;
    }

    @Override
    public void call(Iterator<Shard> shards) {
        WorkerContext.forSpec(worker).warmUp(rounds, samples);
    }
}
