package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/**
 * One layer of a {@link ModelSpec}: immutable configuration only. Shape inference lives here
 * (and nowhere else): {@link #outputShape(Shape)} maps a per-sample input shape to the output
 * shape and throws {@link IllegalArgumentException} naming the field when they do not fit.
 * Layers built from a spec take their shapes from it.
 */
public sealed interface LayerSpec permits WindowedSpec, ConvTransposeSpec, GlobalAvgPoolSpec,
        ActivationSpec, FlattenSpec, LinearSpec, DropoutSpec {

    /** The spec/JSON type name: {@code conv}, {@code maxpool}, {@code relu}, ... */
    String type();

    /** Per-sample output shape for a per-sample input shape. */
    Shape outputShape(Shape input);

    /** Number of parameters for the given per-sample input shape (weights plus biases). */
    long parameterCount(Shape input);
}
