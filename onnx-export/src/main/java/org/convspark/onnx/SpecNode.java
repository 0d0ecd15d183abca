package org.convspark.onnx;

import java.util.Arrays;
import java.util.List;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.tensor.Shape;

/**
 * One node of the spec as the translators see it: its layer, shapes, the ONNX tensors it reads,
 * the name its tensors and ONNX nodes take ({@code base}), and its slice of the flat parameters
 * (the engine's layout, node by node from {@code offset}).
 */
record SpecNode(ModelSpec spec, int index, String base, List<String> inputs, float[] params, int offset) {

    LayerSpec layer() {
        return spec.layers().get(index);
    }

    /** Per-sample shape of the (first) input: channels first, no batch dimension. */
    Shape inputShape() {
        return spec.inputShape(index);
    }

    /** The tensor of the (first) input. */
    String input() {
        return inputs.get(0);
    }

    /** How messages name this node: its index and label, as the spec's own errors do. */
    String describe() {
        return "layer " + index + " (" + spec.label(index) + ")";
    }

    /** {@code count} parameters starting {@code from} values into this node's slice. */
    float[] params(int from, int count) {
        return Arrays.copyOfRange(params, offset + from, offset + from + count);
    }
}
