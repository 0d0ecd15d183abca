package org.convspark.ml;

import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecException;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.tensor.Shape;

/**
 * The values of the {@code modelSpec} and {@code inputShape} params: a spec is JSON (the format
 * of spec files, starting with '{') or the name of a zoo model; an input shape, when given,
 * replaces the spec's input (so a zoo model can take another image size when its layers fit it).
 */
final class SpecParam {
    static final String MODEL_SPEC = "modelSpec";
    static final String INPUT_SHAPE = "inputShape";

    private SpecParam() {
    }

    /** @throws ModelSpecException for bad JSON, a spec that does not fit together or an unknown zoo name */
    static ModelSpec parse(String value) {
        String text = value.strip();
        return text.startsWith("{") ? ModelSpecJson.parse(text, MODEL_SPEC) : ModelZoo.get(text);
    }

    /** The model a fit trains: {@code modelSpec} with {@code inputShape} (when not empty) as its input. */
    static ModelSpec resolve(String modelSpec, int[] inputShape) {
        ModelSpec spec = parse(modelSpec);
        if (inputShape.length == 0 || Shape.of(inputShape).equals(spec.input())) {
            return spec;
        }
        try {
            return spec.withInput(Shape.of(inputShape));
        } catch (ModelSpecException e) {
            throw new IllegalArgumentException(INPUT_SHAPE + " " + Shape.of(inputShape) + " does not fit model "
                    + spec.name() + " (built for " + spec.input() + "): " + e.getMessage(), e);
        }
    }

    /** The {@code modelSpec} validator: the value must parse. */
    static ParamCheck<String> specCheck() {
        return new ParamCheck<>(MODEL_SPEC, value -> {
            try {
                parse(value);
                return null;
            } catch (ModelSpecException e) {
                return e.getMessage();
            }
        });
    }

    /** The {@code inputShape} validator: empty, or 2 to 4 positive sizes as a spec's input takes. */
    static ParamCheck<int[]> shapeCheck() {
        return new ParamCheck<>(INPUT_SHAPE, dims -> dims.length == 0 || ModelSpec.isInputShape(dims) ? null
                : "must be empty (the spec's input) or [C, L], [C, H, W] or [C, D, H, W] with sizes >= 1");
    }
}
