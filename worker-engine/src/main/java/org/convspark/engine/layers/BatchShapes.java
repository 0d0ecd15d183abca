package org.convspark.engine.layers;

import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/** Checks a batch tensor against the per-sample shape a layer was built for. */
final class BatchShapes {
    private BatchShapes() {
    }

    /** The batch size of {@code batch}, after checking its per-sample shape is {@code expected}. */
    static int batchOf(String layer, String what, Tensor batch, Shape expected) {
        Shape shape = batch.shape();
        if (shape.rank() != expected.rank() + 1 || !shape.dropFirst().equals(expected)) {
            throw new IllegalArgumentException(layer + ": " + what + " must be N x " + expected + ", got " + shape);
        }
        return shape.dim(0);
    }
}
