package org.convspark.driver;

import java.util.concurrent.atomic.AtomicInteger;
import org.convspark.engine.model.BatchResult;
import org.convspark.engine.model.ModelSpecJson;
import org.convspark.engine.model.Network;
import org.convspark.engine.tensor.Buffer;

/**
 * An executor thread's network and scratch arrays, kept across tasks and steps: a {@link Network}
 * holds its layers' workspaces and is not thread-safe, so there is one per JVM thread, rebuilt
 * only when a task brings a different spec. Building one per task would re-allocate every
 * workspace every step.
 */
final class WorkerContext {
    private static final ThreadLocal<WorkerContext> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger BUILT = new AtomicInteger();

    private final String specJson;
    private final Network network;
    private final Buffer images = new Buffer();
    private final Buffer gradient = new Buffer();
    private int[] labels = new int[0];

    private WorkerContext(String specJson) {
        this.specJson = specJson;
        this.network = new Network(ModelSpecJson.parse(specJson, "model spec sent by the driver"));
        BUILT.incrementAndGet();
    }

    /** This thread's context for {@code specJson}, built on first use. */
    static WorkerContext forSpec(String specJson) {
        WorkerContext context = CURRENT.get();
        if (context == null || !context.specJson.equals(specJson)) {
            context = new WorkerContext(specJson);
            CURRENT.set(context);
        }
        return context;
    }

    /** How many contexts this JVM has built: stays at the number of task threads when reuse works. */
    static int built() {
        return BUILT.get();
    }

    Network network() {
        return network;
    }

    /**
     * Forward and backward over the samples of step {@code step}'s batch that {@code shard} holds,
     * in ascending global order: the gradient SUM is left in {@link #gradient()}, the loss and hit
     * sums are returned (an empty result when the shard holds none of the batch). Dropout masks
     * follow each sample's position in the global batch, so any split gives the same masks.
     */
    BatchResult trainShare(Shard shard, BatchSchedule schedule, long step, float[] params) {
        int[] batch = schedule.batch(step);
        int[] held = shard.heldRange(batch);
        int count = held[1] - held[0];
        float[] gradientSum = gradient.zeroed(network.parameterCount());
        if (count == 0) {
            return BatchResult.ZERO;
        }
        float[] images = this.images.get(count * shard.sampleSize());
        if (labels.length < count) {
            labels = new int[count];
        }
        shard.gather(batch, held[0], held[1], images, labels);
        return network.trainBatch(params, images, 0, labels, 0, count, gradientSum, schedule.seed(),
                schedule.firstSampleIndex(step) + held[0]);
    }

    /** The gradient sum of the last {@link #trainShare}; valid up to {@code network().parameterCount()}. */
    float[] gradient() {
        return gradient.get(network.parameterCount());
    }

}
