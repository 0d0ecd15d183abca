package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/**
 * One layer of a {@link ModelSpec}: immutable configuration only. Shape inference lives here
 * (and nowhere else): {@link #outputShape(Shape)} maps a per-sample input shape to the output
 * shape and throws {@link IllegalArgumentException} naming the field when they do not fit.
 * Layers built from a spec take their shapes from it.
 */
public sealed interface LayerSpec permits WindowedSpec, ConvTransposeSpec, BatchNormSpec, MergeSpec, GlobalAvgPoolSpec,
        ActivationSpec, FlattenSpec, LinearSpec, DropoutSpec {

    /** The spec/JSON type name: {@code conv}, {@code maxpool}, {@code relu}, ... */
    String type();

    /** Per-sample output shape for a per-sample input shape. */
    Shape outputShape(Shape input);

    /**
     * Values this layer owns in the flat parameter array for the given per-sample input shape:
     * weights and biases, and any {@linkplain #stateCount state}.
     */
    long parameterCount(Shape input);

    /**
     * How many of the {@link #parameterCount} values, at their end, are model state rather than
     * trainable parameters (batch norm's running statistics): saved and restored with the
     * parameters, never stepped by the optimizer.
     */
    default long stateCount(Shape input) {
        return 0;
    }
}
