package org.convspark.engine.layers;

import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/** The check every layer makes on a batch handed to it: {@code N x} its per-sample shape. */
final class BatchShape {
    private BatchShape() {
    }

    /**
     * Throws when {@code batch} is not {@code N x perSample}; the message names the layer, what the
     * tensor is ({@code input}, {@code gradOutput}) and both shapes.
     */
    static void require(String layer, String what, Tensor batch, Shape perSample) {
        Shape actual = batch.shape();
        if (actual.rank() != perSample.rank() + 1 || !actual.dropFirst().equals(perSample)) {
            throw new IllegalArgumentException(layer + ": " + what + " has shape " + actual
                    + " but the layer expects N x " + perSample);
        }
    }

    /** As {@link #require}, and the batch size must be the one of the last forward. */
    static void requireBackward(String layer, Tensor gradOutput, Shape perSample, int forwardBatch) {
        if (forwardBatch < 0) {
            throw new IllegalStateException(layer + ": backward called before forward");
        }
        require(layer, "gradOutput", gradOutput, perSample);
        if (gradOutput.batch() != forwardBatch) {
            throw new IllegalArgumentException(layer + ": gradOutput has batch size " + gradOutput.batch()
                    + " but the last forward had " + forwardBatch);
        }
    }
}
