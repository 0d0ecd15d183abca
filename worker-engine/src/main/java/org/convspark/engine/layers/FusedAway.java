package org.convspark.engine.layers;

import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Stands in for a layer whose work the layer before it does (a ReLU after a {@link BatchNorm}
 * that applies it, see {@link BatchNorm#fuseRelu()}): passes the output and the gradient through,
 * so the network's graph, offsets and reports stay as the spec wrote them.
 */
public final class FusedAway extends ParameterFreeLayer {
    private final String name;

    public FusedAway(String name, Shape shape) {
        super(shape, shape);
        this.name = name;
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require(name, "input", input, inputShape);
        return input;
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.require(name, "gradOutput", gradOutput, outputShape);
        return gradOutput;
    }

    @Override
    public String toString() {
        return name + " " + inputShape + " (done by the layer before)";
    }
}
