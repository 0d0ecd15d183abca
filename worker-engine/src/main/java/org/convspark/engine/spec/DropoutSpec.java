package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/** Inverted dropout: in training each element is zeroed with probability p, survivors scaled 1/(1-p). */
public record DropoutSpec(double p) implements LayerSpec {
    public DropoutSpec {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in [0, 1), got " + p);
        }
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public long parameterCount(Shape input) {
        return 0;
    }
}
