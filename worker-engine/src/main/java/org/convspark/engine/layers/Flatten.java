package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.model.FlattenSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/** Flattens {@code C, spatial...} to one feature vector: a view over the same array, nothing copied. */
public final class Flatten implements Layer {
    private final Shape inputShape;
    private final Shape outputShape;

    public Flatten(FlattenSpec spec, Shape input) {
        this.inputShape = input;
        this.outputShape = spec.outputShape(input);
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public void initialize(float[] params, int offset, Random rng) {
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        int n = BatchShapes.batchOf("flatten", "input", input, inputShape);
        return new Tensor(input.data(), outputShape.prepend(n));
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        int n = BatchShapes.batchOf("flatten", "output gradient", gradOutput, outputShape);
        return new Tensor(gradOutput.data(), inputShape.prepend(n));
    }
}
