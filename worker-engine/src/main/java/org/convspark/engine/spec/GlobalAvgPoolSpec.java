package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/** Mean over every spatial position per channel: {@code C, spatial...} to {@code C}. */
public record GlobalAvgPoolSpec() implements LayerSpec {
    @Override
    public String type() {
        return "globalavgpool";
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() < 2) {
            throw new IllegalArgumentException("globalavgpool needs a C, spatial... input, got " + input);
        }
        return Shape.of(input.dim(0));
    }

    @Override
    public long parameterCount(Shape input) {
        return 0;
    }
}
