package org.convspark.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    public ModelSpec(String name, Shape input, List<LayerSpec> layers) {
        if (input.rank() < 2 || input.rank() > 4) {
            throw new IllegalArgumentException("input must be [C, L], [C, H, W] or [C, D, H, W], got " + input);
        }
        for (int i = 0; i < input.rank(); i++) {
            if (input.dim(i) < 1) {
                throw new IllegalArgumentException("input dimensions must be >= 1, got " + input);
            }
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
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
                throw new IllegalArgumentException("layer " + i + " (" + layer.type() + "): " + e.getMessage()
                        + " [input " + s + "]", e);
            }
            shapes.add(s);
        }
        this.outputShapes = Collections.unmodifiableList(shapes);
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

    public long parameterCount() {
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            total += layers.get(i).parameterCount(inputShape(i));
        }
        return total;
    }
}
