package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/** Fully-connected layer; weights {@code out_features x in_features} then biases (PyTorch). */
public record LinearSpec(int outFeatures, boolean bias) implements LayerSpec {
    public LinearSpec {
        if (outFeatures < 1) {
            throw new IllegalArgumentException("out_features must be >= 1, got " + outFeatures);
        }
    }

    @Override
    public String type() {
        return "linear";
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 1) {
            throw new IllegalArgumentException("linear needs a flat input (add a flatten layer before it), got "
                    + input);
        }
        return Shape.of(outFeatures);
    }

    @Override
    public long parameterCount(Shape input) {
        return (long) outFeatures * input.size() + (bias ? outFeatures : 0);
    }
}
