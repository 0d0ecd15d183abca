package org.convspark.engine.model;

import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.layers.Activation;
import org.convspark.engine.layers.AvgPool;
import org.convspark.engine.layers.BatchNorm;
import org.convspark.engine.layers.Conv;
import org.convspark.engine.layers.ConvTranspose;
import org.convspark.engine.layers.Dropout;
import org.convspark.engine.layers.Flatten;
import org.convspark.engine.layers.GlobalAvgPool;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.layers.Linear;
import org.convspark.engine.layers.Merge;
import org.convspark.engine.layers.MaxPool;
import org.convspark.engine.layers.MeanPaddedConv;
import org.convspark.engine.spec.ActivationSpec;
import org.convspark.engine.spec.AddSpec;
import org.convspark.engine.spec.ConcatSpec;
import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.DropoutSpec;
import org.convspark.engine.spec.FlattenSpec;
import org.convspark.engine.spec.GlobalAvgPoolSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.LinearSpec;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.tensor.Shape;

/** Builds the layer a {@link LayerSpec} describes, for a per-sample input shape. */
public final class LayerFactory {
    private LayerFactory() {
    }

    /** The layer of a graph node reading inputs of {@code inputs}' shapes, with output {@code output}. */
    public static Layer create(LayerSpec spec, java.util.List<Shape> inputs, Shape output) {
        if (spec instanceof AddSpec) {
            return new Merge.Add(inputs);
        } else if (spec instanceof ConcatSpec) {
            return new Merge.Concat(inputs, output);
        }
        return create(spec, inputs.get(0));
    }

    public static Layer create(LayerSpec spec, Shape input) {
        // An instanceof chain: pattern matching in switch is a preview feature in Java 17.
        if (spec instanceof ConvSpec s) {
            return s.geometry().paddingMode() == PaddingMode.MEAN ? new MeanPaddedConv(s, input) : new Conv(s, input);
        } else if (spec instanceof ConvTransposeSpec s) {
            return new ConvTranspose(s, input);
        } else if (spec instanceof MaxPoolSpec s) {
            return new MaxPool(s, input);
        } else if (spec instanceof AvgPoolSpec s) {
            return new AvgPool(s, input);
        } else if (spec instanceof GlobalAvgPoolSpec s) {
            return new GlobalAvgPool(s, input);
        } else if (spec instanceof ActivationSpec s) {
            return new Activation(s, input);
        } else if (spec instanceof FlattenSpec s) {
            return new Flatten(s, input);
        } else if (spec instanceof LinearSpec s) {
            return new Linear(s, input);
        } else if (spec instanceof BatchNormSpec s) {
            return new BatchNorm(s, input);
        } else if (spec instanceof DropoutSpec s) {
            return new Dropout(s, input);
        }
        throw new IllegalArgumentException(spec.type() + " merges several inputs: build it for all their shapes");
    }
}
