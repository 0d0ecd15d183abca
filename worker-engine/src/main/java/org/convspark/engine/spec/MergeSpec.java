package org.convspark.engine.spec;

import java.util.List;
import org.convspark.engine.tensor.Shape;

/**
 * A layer that joins two or more nodes of a model graph ({@code add}, {@code concat}): shape
 * inference takes every input's shape. It has no parameters; asked for the output of one input it
 * refuses, naming how many it needs.
 */
public sealed interface MergeSpec extends LayerSpec permits AddSpec, ConcatSpec {
    /** The output shape for the shapes of the inputs, in order; throws naming the mismatch. */
    Shape outputShape(List<Shape> inputs);

    @Override
    default Shape outputShape(Shape input) {
        return outputShape(List.of(input));
    }

    @Override
    default long parameterCount(Shape input) {
        return 0;
    }

    /** The inputs' shapes for a message: {@code "2x3 and 4x3"}. */
    static String join(List<Shape> shapes) {
        StringBuilder b = new StringBuilder();
        for (Shape s : shapes) {
            b.append(b.length() == 0 ? "" : " and ").append(s);
        }
        return b.toString();
    }

    /** The check both merges start with. */
    static void atLeastTwo(String type, List<Shape> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(type + " needs 2 or more inputs (field \"inputs\"), got "
                    + inputs.size());
        }
    }
}
