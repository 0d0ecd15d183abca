package org.convspark.driver.round;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.convspark.driver.data.Shard;

/**
 * One task per partition before the first step: warms the engine's kernels in the executor's
 * JVM on synthetic samples ({@link WorkerContext#warmUp}), so the first epoch's throughput is the
 * engine's and not the JIT compiler's. The shard is not read; the task returns the passes it ran.
 */
public final class WarmUpPass implements FlatMapFunction<Iterator<Shard>, Integer> {
    private static final long serialVersionUID = 1L;

    private final WorkerSpec worker;
    private final int rounds;
    private final int samples;
    private final long maxNanos;

    /** Up to {@code rounds} passes over {@code samples} samples, fewer once {@code maxNanos} have gone (after three). */
    public WarmUpPass(WorkerSpec worker, int rounds, int samples, long maxNanos) {
        this.worker = worker;
        this.rounds = rounds;
        this.samples = samples;
        this.maxNanos = maxNanos;
    }

    @Override
    public Iterator<Integer> call(Iterator<Shard> shards) {
        return List.of(WorkerContext.forSpec(worker).warmUp(rounds, samples, maxNanos)).iterator();
    }
}
