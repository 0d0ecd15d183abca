package org.convspark.driver.round;

import java.util.concurrent.atomic.AtomicInteger;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.ReadAhead;
import org.convspark.driver.data.Shard;
import org.convspark.driver.metrics.EngineWork;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.layers.StatisticsSync;
import org.convspark.engine.model.GradientReady;
import org.convspark.engine.model.Network;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.train.ThreadedBatch;

/**
 * An executor thread's networks and scratch arrays, kept across tasks and steps: a {@link Network}
 * holds its layers' workspaces and is not thread-safe, so there is one set per JVM thread, rebuilt
 * only when a task brings a different spec or thread count. Building one per task would
 * re-allocate every workspace every step. With {@code threads > 1} a task's share of the batch is
 * split over that many engine threads ({@link ThreadedBatch}), each with its own network.
 */
public final class WorkerContext {
    private static final ThreadLocal<WorkerContext> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger BUILT = new AtomicInteger();

    private final WorkerSpec worker;
    private final ThreadedBatch engine;
    private final Buffer images = new Buffer();
    private final Buffer gradient = new Buffer();
    private final Buffer augmentScratch = new Buffer();
    private int[] labels = new int[0];

    private WorkerContext(WorkerSpec worker) {
        this.worker = worker;
        this.engine = new ThreadedBatch(ModelSpecJson.parse(worker.specJson(), "model spec sent by the driver"),
                worker.threads());
        BUILT.incrementAndGet();
    }

    /** This thread's context for {@code worker}, built on first use. */
    static WorkerContext forSpec(WorkerSpec worker) {
        WorkerContext context = CURRENT.get();
        if (context == null || !context.worker.equals(worker)) {
            if (context != null) {
                context.engine.close();
            }
            context = new WorkerContext(worker);
            CURRENT.set(context);
        }
        return context;
    }

    /** How many contexts this JVM has built: stays at the number of task threads when reuse works. */
    public static int built() {
        return BUILT.get();
    }

    /** See {@link ThreadedBatch#warmUp}: compiles this JVM's kernels before the first step. */
    int warmUp(int rounds, int samples, long maxNanos) {
        return engine.warmUp(rounds, samples, maxNanos);
    }

    /** The network of this thread (engine thread 0). */
    Network network() {
        return engine.network();
    }

    /** Every engine thread of this task thread: for evaluation. */
    ThreadedBatch engine() {
        return engine;
    }

    /**
     * Forward and backward over the samples of step {@code step}'s batch that {@code shard} holds,
     * in ascending global order: the gradient SUM is left in {@link #gradient()}, the loss and hit
     * sums are returned (an empty result when the shard holds none of the batch). Dropout masks
     * follow each sample's position in the global batch, so any split gives the same masks.
     */
    BatchResult trainShare(Shard shard, BatchSchedule schedule, long step, float[] params) {
        return trainShare(shard, schedule, step, params, GradientReady.NONE);
    }

    /** As above, telling {@code ready} from where the gradient sum is final as backward goes. */
    BatchResult trainShare(Shard shard, BatchSchedule schedule, long step, float[] params, GradientReady ready) {
        return trainShare(shard, schedule, step, params, StatisticsSync.NONE, ready);
    }

    /**
     * As above, summing batch norm statistics with the step's other tasks through {@code sync};
     * a task whose shard holds none of the batch takes part in those sums too. Counted in this
     * JVM's {@link EngineWork}.
     */
    BatchResult trainShare(Shard shard, BatchSchedule schedule, long step, float[] params, StatisticsSync sync,
                           GradientReady ready) {
        long begin = System.nanoTime();
        BatchResult result = trainHeld(shard, schedule, step, params, sync, ready);
        EngineWork.trained(result.count(), System.nanoTime() - begin);
        return result;
    }

    /** As {@link #trainShare}, not counted in {@link EngineWork}: a warm-up step, thrown away. */
    BatchResult trainWarmUp(Shard shard, BatchSchedule schedule, long step, float[] params, StatisticsSync sync) {
        return trainHeld(shard, schedule, step, params, sync, GradientReady.NONE);
    }

    private BatchResult trainHeld(Shard shard, BatchSchedule schedule, long step, float[] params, StatisticsSync sync,
                                  GradientReady ready) {
        int[] batch = schedule.batch(step);
        int[] held = shard.heldRange(batch);
        int count = held[1] - held[0];
        float[] gradientSum = gradient.zeroed(network().parameterCount());
        if (count == 0 && !network().sumsStatistics()) {
            ready.finalFrom(0);
            return BatchResult.ZERO;
        }
        float[] images = this.images.get(count * shard.sampleSize());
        if (labels.length < count) {
            labels = new int[count];
        }
        ReadAhead.gather(shard, batch, held[0], held[1], images, labels);
        if (shard.samples().onDisk()) {
            int[] next = schedule.batch(step + 1);
            int[] nextHeld = shard.heldRange(next);
            ReadAhead.start(shard, next, nextHeld[0], nextHeld[1]);
        }
        Augmentation augmentation = worker.augmentation();
        if (!augmentation.isNone()) {
            Shape sample = network().spec().input();
            float[] scratch = augmentScratch.get(sample.size());
            int epoch = schedule.epochOf(step);
            for (int k = 0; k < count; k++) {
                // By the sample's index in the data set: the same transform on any partition or thread.
                augmentation.apply(images, k * sample.size(), sample, schedule.seed(), epoch, batch[held[0] + k],
                        scratch);
            }
        }
        return engine.trainBatch(params, images, 0, labels, 0, count, gradientSum, schedule.seed(),
                schedule.firstSampleIndex(step) + held[0], sync, ready);
    }

    /**
     * Loss and hits of every sample of {@code shard} under {@code params} (no dropout), {@code
     * slice} samples at a time: only a slice's values are floats at once.
     */
    BatchResult evaluate(float[] params, Shard shard, int slice) {
        return evaluate(params, shard, slice, Integer.MAX_VALUE);
    }

    /** As above, over the first {@code maxSlices} slices of the shard at most. */
    BatchResult evaluate(float[] params, Shard shard, int slice, int maxSlices) {
        BatchResult result = BatchResult.ZERO;
        float[] values = images.get(Math.min(slice, shard.count()) * shard.sampleSize());
        int end = (int) Math.min(shard.count(), (long) slice * maxSlices);
        for (int from = 0; from < end; from += slice) {
            int count = Math.min(slice, shard.count() - from);
            shard.copy(from, count, values);
            result = result.plus(engine.evaluate(params, values, 0, shard.labels(), from, count));
        }
        return result;
    }

    /** How many of step {@code step}'s samples {@code shard} holds: its share of the batch. */
    static int shareOf(Shard shard, BatchSchedule schedule, long step) {
        int[] held = shard.heldRange(schedule.batch(step));
        return held[1] - held[0];
    }

    /** The gradient sum of the last {@link #trainShare}; valid up to {@code network().parameterCount()}. */
    float[] gradient() {
        return gradient.get(network().parameterCount());
    }

}
