package org.convspark.driver.round;

import java.io.Serializable;
import org.convspark.engine.data.Augmentation;

/**
 * What an executor thread needs to build its {@link WorkerContext}: the model spec (as JSON, the
 * form that travels), how many engine threads one task splits its share of a batch over, and the
 * augmentation of training samples. Travels inside every task closure, hence small and
 * {@code Serializable}.
 */
public record WorkerSpec(String specJson, int threads, Augmentation augmentation) implements Serializable {
    public WorkerSpec {
        if (threads < 1) {
            throw new IllegalArgumentException("threads per task must be >= 1, got " + threads);
        }
        if (augmentation == null) {
            throw new IllegalArgumentException("augmentation must be given (Augmentation.NONE for none)");
        }
    }

    /** Without augmentation. */
    public WorkerSpec(String specJson, int threads) {
        this(specJson, threads, Augmentation.NONE);
    }
}
