package org.convspark.engine.layers;

/**
 * A layer whose training-mode forward draws random numbers (dropout). Before each training
 * forward the network calls {@link #seedBatch}; the layer must draw the numbers of sample
 * {@code j} from {@code (seed, firstSampleIndex + j)} alone, so that a batch split over
 * partitions, or processed in chunks, draws exactly what the whole batch would have drawn.
 */
public interface Stochastic {
    void seedBatch(long seed, long firstSampleIndex);
}
