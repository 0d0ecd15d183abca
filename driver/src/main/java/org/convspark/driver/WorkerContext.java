package org.convspark.driver;

import java.util.concurrent.atomic.AtomicInteger;
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

    float[] images(int floats) {
        return images.get(floats);
    }

    int[] labels(int count) {
        if (labels.length < count) {
            labels = new int[count];
        }
        return labels;
    }

    /** A gradient accumulator of the network's size, zeroed. */
    float[] zeroedGradient() {
        return gradient.zeroed(network.parameterCount());
    }
}
