package org.convspark.engine.model;

import java.util.List;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelSpec;

/**
 * A trained model as {@link ModelFiles} stores it: the spec, its flat parameters, one name per
 * output class, and a summary of the training run (free-form JSON, for people).
 */
public record SavedModel(ModelSpec spec, float[] params, List<String> classNames, JsonObject training) {
    public SavedModel {
        classNames = List.copyOf(classNames);
    }
}
