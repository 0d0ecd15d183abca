package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/** Flattens {@code C, spatial...} to one feature vector (a view: no data moves). */
public record FlattenSpec() implements LayerSpec {
    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    @Override
    public long parameterCount(Shape input) {
        return 0;
    }
}
