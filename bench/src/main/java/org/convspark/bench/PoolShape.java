package org.convspark.bench;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.tensor.Shape;

/** The benchmarked max-pooling layers: 2x2, stride 2, no padding, as LeNet-5 and VGG use them. */
public enum PoolShape {
    /** LeNet-5 pool1: 64x6x28x28 -> 64x6x14x14. */
    LENET_POOL1("max-pool 2x2 64x6x28x28", 64, Shape.of(6, 28, 28)),
    /** After a 64-channel layer: 32x64x32x32 -> 32x64x16x16. */
    WIDE_POOL("max-pool 2x2 32x64x32x32", 32, Shape.of(64, 32, 32));

    final String label;
    final int batch;
    final Shape input;
    final MaxPoolSpec spec = new MaxPoolSpec(ConvGeometry.builder(2, 2).stride(2, 2).build());

    PoolShape(String label, int batch, Shape input) {
        this.label = label;
        this.batch = batch;
        this.input = input;
    }

    /** Input elements of one batch: what a pass reads (forward) or writes (backward). */
    public long inputElements() {
        return (long) batch * input.size();
    }
}
