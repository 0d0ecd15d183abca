package org.convspark.engine.layers;

import org.convspark.engine.spec.FlattenSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/** Flattens {@code C, spatial...} to one feature vector: a view over the same array, nothing copied. */
public final class Flatten extends ParameterFreeLayer {
    public Flatten(FlattenSpec spec, Shape input) {
        super(input, spec.outputShape(input));
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require("flatten", "input", input, inputShape);
        return new Tensor(input.data(), outputShape.prepend(input.batch()));
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.require("flatten", "gradOutput", gradOutput, outputShape);
        return new Tensor(gradOutput.data(), inputShape.prepend(gradOutput.batch()));
    }
}
