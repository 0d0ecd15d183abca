package org.convspark.engine.model;

/**
 * Told during a batch's backward pass how much of the gradient sum is final: once the last chunk
 * of samples has gone back through a layer, that layer's gradient and every later layer's are
 * complete, so an all-reduce of them can start while backward computes the earlier layers'
 * (PyTorch DDP's gradient buckets). Parameters are laid out in layer order, so what is final is
 * always a suffix of the flat array.
 */
@FunctionalInterface
public interface GradientReady {
    /** Nothing is final yet: the default for callers that do not overlap. */
    GradientReady NONE = from -> { };

    /** {@code gradSum[from ..]} is final for this batch; {@code from} only decreases within a batch, to 0. */
    void finalFrom(int from);
}
