package org.convspark.driver.round;

import java.io.Serializable;

/**
 * What an executor thread needs to build its {@link WorkerContext}: the model spec (as JSON, the
 * form that travels) and how many engine threads one task splits its share of a batch over.
 * Travels inside every task closure, hence small and {@code Serializable}.
 */
public record WorkerSpec(String specJson, int threads) implements Serializable {
    public WorkerSpec {
        if (threads < 1) {
            throw new IllegalArgumentException("threads per task must be >= 1, got " + threads);
        }
    }
}
