package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.tensor.Shape;

/** What a layer without parameters shares: its two shapes, no parameters, nothing to initialise. */
abstract class ParameterFreeLayer implements Layer {
    protected final Shape inputShape;
    protected final Shape outputShape;

    ParameterFreeLayer(Shape inputShape, Shape outputShape) {
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    @Override
    public final Shape inputShape() {
        return inputShape;
    }

    @Override
    public final Shape outputShape() {
        return outputShape;
    }

    @Override
    public final int parameterCount() {
        return 0;
    }

    @Override
    public final void initialize(float[] params, int offset, Random rng) {
    }
}
