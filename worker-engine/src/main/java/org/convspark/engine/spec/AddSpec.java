package org.convspark.engine.spec;

import java.util.List;
import org.convspark.engine.tensor.Shape;

/** Element-wise sum of its inputs, which must all have the same shape (a residual connection). */
public record AddSpec() implements MergeSpec {
    @Override
    public String type() {
        return "add";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        MergeSpec.atLeastTwo(type(), inputs);
        for (int k = 1; k < inputs.size(); k++) {
            if (!inputs.get(k).equals(inputs.get(0))) {
                throw new IllegalArgumentException("add needs inputs of one shape, got " + MergeSpec.join(inputs));
            }
        }
        return inputs.get(0);
    }
}
