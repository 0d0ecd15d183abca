package org.convspark.engine.model;

import org.convspark.engine.layers.Activation;
import org.convspark.engine.layers.Dropout;
import org.convspark.engine.layers.Flatten;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.layers.Linear;
import org.convspark.engine.tensor.Shape;

/** Builds the layer a {@link LayerSpec} describes, for a per-sample input shape. */
public final class LayerFactory {
    private LayerFactory() {
    }

    public static Layer create(LayerSpec spec, Shape input) {
        if (spec instanceof ActivationSpec s) {
            return new Activation(s, input);
        } else if (spec instanceof FlattenSpec s) {
            return new Flatten(s, input);
        } else if (spec instanceof LinearSpec s) {
            return new Linear(s, input);
        } else if (spec instanceof DropoutSpec s) {
            return new Dropout(s, input);
        }
        throw new IllegalArgumentException("no layer implementation for spec type " + spec.type());
    }
}
