package org.convspark.bench.allreduce;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.convspark.driver.round.StepAggregate;

/**
 * The tree path's communication alone: per step, the driver broadcasts n floats and one job sums
 * every partition's n-float vector with {@code treeAggregate} (depth 2, {@link StepAggregate}s in
 * double, through Kryo), as {@code DistributedTrainer}'s step does around the engine. Bytes are
 * counted from Spark's task metrics (results sent to the driver, shuffle written and read); the
 * broadcast adds 4n bytes the driver serves at least once per step (BitTorrent-style, executors
 * may then serve each other), which the metrics do not show and the counts add.
 */
final class TreeAggregateProbe {
    private TreeAggregateProbe() {
    }

    /** Per measured step: {nanoseconds, driver bytes, largest task's bytes}. */
    static long[][] run(JavaSparkContext sc, int partitions, int n, int warmup, int steps) {
        JavaRDD<Integer> slots = ClusterSession.slots(sc, partitions);
        AtomicLong resultBytes = new AtomicLong();
        AtomicLong largestTask = new AtomicLong();
        SparkListener counter = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() == null) {
                    return;
                }
                long result = end.taskMetrics().resultSize();
                long shuffle = end.taskMetrics().shuffleWriteMetrics().bytesWritten()
                        + end.taskMetrics().shuffleReadMetrics().totalBytesRead();
                resultBytes.addAndGet(result);
                largestTask.accumulateAndGet(result + shuffle, Math::max);
            }
        };
        sc.sc().addSparkListener(counter);
        float[] params = new float[n];
        long[][] measured = new long[steps][];
        try {
            for (int s = 0; s < warmup + steps; s++) {
                drain(sc);
                resultBytes.set(0);
                largestTask.set(0);
                long begin = System.nanoTime();
                Broadcast<float[]> broadcast = sc.broadcast(params);
                StepAggregate total = slots.treeAggregate(new StepAggregate(), (agg, p) -> {
                    agg.addVector(partial(broadcast.value().length, p), n, 1);
                    return agg;
                }, StepAggregate::merge, 2);
                long nanos = System.nanoTime() - begin;
                broadcast.destroy();
                if (total.weight() != partitions) {
                    throw new IllegalStateException("treeAggregate summed " + total.weight() + " of " + partitions);
                }
                drain(sc);
                if (s >= warmup) {
                    measured[s - warmup] = new long[] {nanos, resultBytes.get() + 4L * n, largestTask.get() + 4L * n};
                }
            }
        } finally {
            sc.sc().removeSparkListener(counter);
        }
        return measured;
    }

    /** Waits until the listener has seen every finished task's metrics. */
    private static void drain(JavaSparkContext sc) {
        try {
            sc.sc().listenerBus().waitUntilEmpty(60_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain in 60 s", e);
        }
    }

    /** A partition's vector, made once per executor JVM and size: the probe measures moving it, not making it. */
    private static float[] partial(int n, int partition) {
        List<Object> key = List.of(n, partition);
        synchronized (CACHE) {
            if (!key.equals(CACHE[0])) {
                // Values whose sums are not floats, as gradients' are: merged aggregates then travel as doubles.
                float[] values = new float[n];
                Arrays.fill(values, 0.1f * (partition + 1));
                CACHE[0] = key;
                CACHE[1] = values;
            }
            return (float[]) CACHE[1];
        }
    }

    private static final Object[] CACHE = new Object[2];
}
