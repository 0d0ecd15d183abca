package org.convspark.driver;

import static org.convspark.engine.model.MemoryEstimate.plus;
import static org.convspark.engine.model.MemoryEstimate.times;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.UserInputException;
import org.convspark.engine.model.MemoryEstimate;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.optim.Optimizers;

/**
 * Refuses, before the first Spark job of a run, a model whose training cannot fit the driver's or
 * an executor's heap, with the computed sizes and the setting to change, instead of an
 * {@code OutOfMemoryError} at step 1 (or a lost executor retried four times).
 *
 * <p>The driver holds, per parameter, the parameters, their broadcast copy and its serialized
 * blocks, the gradient sum, one partial sum being merged, the mean gradient and the optimizer's
 * state arrays, and when checkpointing the serialized state twice. An executor holds the
 * broadcast parameters (value and serialized blocks) and, for each task it runs at once, the
 * network's buffers for that task's share of the batch ({@link MemoryEstimate#taskBytes}; with
 * several engine threads per task, each thread's network for its part of the share), its
 * serialized result, and its cached shard of the data; a task of a multi-step round (local steps,
 * a barrier round) also its own parameters and optimizer state. In local mode the tasks run in the driver
 * JVM, so both sums must fit there. Spark keeps 300 MiB of every heap for itself. The estimate
 * leaves out the JVM's and Spark's own objects beyond that, so passing it is necessary, not
 * sufficient.
 */
public final class MemoryBudget {
    /** Spark's {@code RESERVED_SYSTEM_MEMORY_BYTES}: the part of every heap it keeps for itself. */
    static final long SPARK_RESERVED = 300L << 20;
    /** Parameter-sized arrays on the driver besides the optimizer state (see the class comment). */
    private static final int DRIVER_ARRAYS = 6;

    /**
     * Where a run's memory comes from.
     *
     * @param driverHeap       the driver JVM's maximum heap
     * @param executorHeap     an executor's heap ({@code spark.executor.memory}); the driver's in local mode
     * @param tasksPerExecutor tasks an executor (the driver in local mode) runs at once
     * @param local            whether tasks run in the driver JVM
     * @param threadsPerTask   engine threads a task splits its share over, each with its own network
     */
    public record Limits(long driverHeap, long executorHeap, int tasksPerExecutor, boolean local, int threadsPerTask) {
        /**
         * The limits of {@code sc} for {@code config}: the driver's actual heap, the executors'
         * settings, and the thread count {@link DistributedTrainer} will use.
         */
        public static Limits of(JavaSparkContext sc, TrainerConfig config, int partitions) {
            long driverHeap = Runtime.getRuntime().maxMemory();
            int threads = DistributedTrainer.threadsPerTask(sc, config, partitions);
            if (DistributedTrainer.localCores(sc.master()) > 0) {
                return new Limits(driverHeap, driverHeap, Math.min(partitions, sc.defaultParallelism()), true,
                        threads);
            }
            SparkConf conf = sc.getConf();
            int slots = conf.getInt("spark.executor.cores", 1) / Math.max(1, conf.getInt("spark.task.cpus", 1));
            return new Limits(driverHeap, conf.getSizeAsBytes("spark.executor.memory", "1g"),
                    Math.max(1, Math.min(partitions, slots)), false, threads);
        }
    }

    private MemoryBudget() {
    }

    /**
     * Checks a run of {@code spec} with {@code config} over {@code samples} samples in {@code
     * partitions}, before the data is loaded: its shards counted as floats in the heap, the most
     * they can take.
     */
    public static void check(JavaSparkContext sc, ModelSpec spec, TrainerConfig config, int partitions,
                             long samples) {
        check(spec, config, partitions, samples, Limits.of(sc, config, partitions));
    }

    /**
     * Checks a run of {@code spec} with {@code config} over {@code train} as it is held: a shard
     * in the heap counted at its measured bytes (one a value for 8-bit data), one on disk at its
     * labels only.
     */
    public static void check(JavaSparkContext sc, ModelSpec spec, TrainerConfig config, ShardedDataset train) {
        int p = train.partitions();
        long labels = times(((long) train.count() + p - 1) / p, Integer.BYTES);
        long heap = train.storage().onDisk() ? labels : plus(train.largestShardBytes(), labels);
        checkShards(spec, config, p, heap, Limits.of(sc, config, p));
    }

    static void check(ModelSpec spec, TrainerConfig config, int partitions, long samples, Limits limits) {
        checkShards(spec, config, partitions, bytes(times((samples + partitions - 1) / partitions,
                MemoryEstimate.of(spec).inputFloats() + 1)), limits);
    }

    private static void checkShards(ModelSpec spec, TrainerConfig config, int partitions, long shardBytes,
                                    Limits limits) {
        MemoryEstimate estimate = MemoryEstimate.of(spec);
        long p = estimate.parameters();
        int stateArrays = Optimizers.create(config.optimizer()).state().length;
        boolean localRounds = config.syncEvery() > 1;
        boolean barrier = config.allReduce() == AllReduce.BARRIER;
        long perTask = (config.batchSize() + partitions - 1) / partitions;
        int threads = Math.max(1, limits.threadsPerTask());
        long perThread = (perTask + threads - 1) / threads;
        // Rounds broadcast the optimizer state with the parameters, and each task steps its own copy
        // (a barrier task also keeps the mean gradient and a double sum of its chunk).
        long broadcastArrays = localRounds || barrier ? 1 + stateArrays : 1;
        long roundArrays = localRounds ? 2 + stateArrays : barrier ? 3 + stateArrays : 1;
        long taskBytes = plus(times(threads, estimate.taskBytes(perThread)), times(bytes(p), roundArrays));
        long executorShared = times(2 * broadcastArrays, bytes(p));
        long cachedData = times(shardBytes, limits.local() ? partitions : limits.tasksPerExecutor());
        long executorNeed = plus(plus(executorShared, times(limits.tasksPerExecutor(), taskBytes)), cachedData);
        long driverArrays = DRIVER_ARRAYS + stateArrays + (config.checkpointDir() != null ? 2L * (1 + stateArrays) : 0);
        long driverNeed = times(bytes(p), driverArrays);

        String tasks = limits.tasksPerExecutor() + " task" + (limits.tasksPerExecutor() == 1 ? "" : "s");
        String taskDetail = "each task needs " + size(taskBytes) + " (" + (threads > 1 ? threads + " engine threads, "
                + "each: " : "") + taskBreakdown(estimate, perThread) + ")";
        if (limits.local()) {
            long need = plus(driverNeed, executorNeed);
            if (need > usable(limits.driverHeap())) {
                throw new UserInputException("model " + spec.name() + " does not fit the driver JVM, which runs the "
                        + "tasks in local mode: it needs about " + size(need) + " (driver " + size(driverNeed) + " for "
                        + p + " parameters x " + driverArrays + " arrays; " + tasks + " at once, " + taskDetail
                        + "; cached data " + size(cachedData) + "), the heap has " + size(usable(limits.driverHeap()))
                        + " after Spark's 300 MiB; raise spark.driver.memory (--driver-memory), or use a smaller "
                        + "batch size, more partitions or a smaller model");
            }
            return;
        }
        if (driverNeed > usable(limits.driverHeap())) {
            throw new UserInputException("model " + spec.name() + " does not fit the driver: it needs about "
                    + size(driverNeed) + " (" + p + " parameters x 4 bytes x " + driverArrays + " arrays: parameters, "
                    + "broadcast, gradient sums, optimizer state" + (config.checkpointDir() != null
                    ? ", checkpoint buffers" : "") + "), the heap has " + size(usable(limits.driverHeap()))
                    + " after Spark's 300 MiB; raise spark.driver.memory (--driver-memory)");
        }
        if (executorNeed > usable(limits.executorHeap())) {
            throw new UserInputException("model " + spec.name() + " does not fit an executor: " + taskDetail + ", x "
                    + tasks + " at once, plus " + size(executorShared) + " of broadcast parameters and " + size(cachedData)
                    + " of cached data = " + size(executorNeed) + ", but spark.executor.memory "
                    + size(limits.executorHeap()) + " leaves " + size(usable(limits.executorHeap()))
                    + " after Spark's 300 MiB; raise spark.executor.memory, lower spark.executor.cores, or use a "
                    + "smaller batch size or more partitions");
        }
    }

    private static String taskBreakdown(MemoryEstimate e, long perTask) {
        String im2col = e.largestIm2colLayer() < 0 ? "no conv layers" : size(bytes(e.im2colFloats()))
                + ", largest " + size(bytes(e.largestIm2colFloats())) + " in layer " + e.largestIm2colLayer();
        return "gradient " + size(bytes(e.parameters())) + ", input " + perTask + " samples "
                + size(bytes(times(perTask, e.inputFloats()))) + ", layer buffers " + size(bytes(e.workspaceFloats(perTask)))
                + " for " + Math.min(perTask, e.chunkSamples()) + " sample(s) at a time, im2col " + im2col;
    }

    private static long usable(long heap) {
        return Math.max(0, heap - SPARK_RESERVED);
    }

    private static long bytes(long floats) {
        return times(floats, Float.BYTES);
    }

    /** {@code 1.5 GiB}, {@code 300 MiB}, {@code 12 KiB}, {@code 512 B}. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
