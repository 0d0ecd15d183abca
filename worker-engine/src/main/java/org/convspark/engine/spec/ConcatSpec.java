package org.convspark.engine.spec;

import java.util.List;
import org.convspark.engine.tensor.Shape;

/**
 * Its inputs stacked along the channels (dimension 0 of each sample, PyTorch's {@code torch.cat(...,
 * dim=1)}): every other dimension must agree.
 */
public record ConcatSpec() implements MergeSpec {
    @Override
    public String type() {
        return "concat";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        MergeSpec.atLeastTwo(type(), inputs);
        Shape first = inputs.get(0);
        long channels = 0;
        for (Shape s : inputs) {
            if (!s.dropFirst().equals(first.dropFirst())) {
                throw new IllegalArgumentException("concat needs inputs that differ in channels only, got "
                        + MergeSpec.join(inputs));
            }
            channels += s.dim(0);
        }
        if (channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concat of " + channels + " channels");
        }
        return first.dropFirst().prepend((int) channels);
    }
}
