package org.convspark.engine.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.convspark.engine.tensor.Shape;

/**
 * A model: a name, a per-sample input shape ({@code C, L}, {@code C, H, W} or {@code C, D, H, W})
 * and a list of layers. Immutable. Construction runs shape inference over every layer, so a
 * spec that exists fits together; an error names the layer index, its type and the shapes.
 */
public final class ModelSpec {
    private final String name;
    private final Shape input;
    private final List<LayerSpec> layers;
    private final List<Shape> outputShapes;

    /**
     * @throws ModelSpecException naming the layer index and type when a layer does not fit its
     *     input (the message also gives the input shape), or the field for a bad input or no layers
     */
    public ModelSpec(String name, Shape input, List<LayerSpec> layers) {
        validateInput(input.dims());
        if (layers.isEmpty()) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, "layers",
                    "a model needs at least one layer", null);
        }
        this.name = name;
        this.input = input;
        this.layers = List.copyOf(layers);
        List<Shape> shapes = new ArrayList<>();
        Shape s = input;
        for (int i = 0; i < this.layers.size(); i++) {
            LayerSpec layer = this.layers.get(i);
            try {
                s = layer.outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new ModelSpecException(null, i, layer.type(), null, e.getMessage() + " [input " + s + "]", e);
            }
            shapes.add(s);
        }
        this.outputShapes = Collections.unmodifiableList(shapes);
    }

    /** The input rule: {@code [C, L]}, {@code [C, H, W]} or {@code [C, D, H, W]}, every size >= 1. */
    public static boolean isInputShape(int[] input) {
        boolean ok = input.length >= 2 && input.length <= 4;
        for (int i = 0; ok && i < input.length; i++) {
            ok = input[i] >= 1;
        }
        return ok;
    }

    static void validateInput(int[] input) {
        if (!isInputShape(input)) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, "input",
                    "must be [C, L], [C, H, W] or [C, D, H, W] with every size >= 1, got "
                    + java.util.Arrays.toString(input), null);
        }
    }

    public String name() {
        return name;
    }

    public Shape input() {
        return input;
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    /** Per-sample input shape of layer {@code i}. */
    public Shape inputShape(int i) {
        return i == 0 ? input : outputShapes.get(i - 1);
    }

    /** Per-sample output shape of layer {@code i}. */
    public Shape outputShape(int i) {
        return outputShapes.get(i);
    }

    public Shape outputShape() {
        return outputShapes.get(outputShapes.size() - 1);
    }

    /** Values of the flat parameter array: trainable parameters and state. */
    public long parameterCount() {
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            total += layers.get(i).parameterCount(inputShape(i));
        }
        return total;
    }

    /**
     * How a run log names the model's size: {@code "61706 parameters"}, and the running statistics
     * when it has any ({@code "272474 parameters, 1376 running statistics"}).
     */
    public String sizeText() {
        long state = stateCount();
        return (parameterCount() - state) + " parameters" + (state == 0 ? "" : ", " + state + " running statistics");
    }

    /** Of {@link #parameterCount}, the model state (running statistics) that no optimizer steps. */
    public long stateCount() {
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            total += layers.get(i).stateCount(inputShape(i));
        }
        return total;
    }

    /** Equal when name, input and layers are equal (layers are value records). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && Objects.equals(m.name, name) && m.input.equals(input)
                && m.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, input, layers);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + name + ", input " + input + ", " + layers.size() + " layers]";
    }
}
