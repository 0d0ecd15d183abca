package org.convspark.engine.spec;

import java.util.ArrayList;
import java.util.List;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonException;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonString;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.tensor.Shape;

/**
 * The JSON form of a {@link ModelSpec} (README, "Model spec"):
 * {@code {"name": ..., "input": [C, H, W], "layers": [{"type": "conv", ...}, ...]}}.
 * Reading is strict: unknown types and fields, wrong JSON types and shapes that do not fit are
 * all {@link ModelSpecException}s naming the position, layer, field and problem, found before
 * anything is built. Writing leaves out defaults; {@code parse(toJson(s))} equals {@code s}.
 */
public final class ModelSpecJson {
    private static final List<String> MODEL_FIELDS = List.of("name", "input", "layers");

    private ModelSpecJson() {
    }

    /**
     * @param sourceName names the spec in errors (a file name); without a {@code name} field the
     *     model is named after it (its file name without directories and {@code .json})
     */
    public static ModelSpec parse(String json, String sourceName) {
        JsonValue root;
        try {
            root = Json.parse(json, sourceName);
        } catch (JsonException e) {
            throw new ModelSpecException(e.location() == null ? sourceName : e.location().toString(),
                    ModelSpecException.NO_LAYER, null, null, e.problem(), e);
        }
        return fromJson(root, sourceName);
    }

    /** Reads a spec that is part of a larger JSON document (a checkpoint, a model directory). */
    public static ModelSpec fromJson(JsonValue root, String sourceName) {
        if (!(root instanceof JsonObject object)) {
            throw new SpecFields(JsonObject.builder().build(), sourceName, ModelSpecException.NO_LAYER, null, 0)
                    .error(null, root, "a model spec must be an object {\"name\", \"input\", \"layers\"} but found "
                            + root.kind());
        }
        SpecFields model = new SpecFields(object, sourceName, ModelSpecException.NO_LAYER, null, 0);
        model.checkKnown(MODEL_FIELDS, "a model spec");
        String name = model.string("name", defaultName(sourceName));
        int[] input = model.intArray("input");
        try {
            ModelSpec.validateInput(input);
        } catch (ModelSpecException e) {
            throw model.error("input", object.get("input"), e.problem());
        }
        JsonArray layerValues = model.array("layers");
        if (layerValues.size() == 0) {
            throw model.error("layers", layerValues, "a model needs at least one layer");
        }
        GraphReader graph = new GraphReader(layerValues, sourceName);
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < layerValues.size(); i++) {
            layers.add(LayerSpecReader.read(layerValues.get(i), i, input.length - 1, sourceName, graph.names().get(i)));
        }
        List<int[]> inputs = graph.inputs();
        try {
            return new ModelSpec(name, Shape.of(input), layers, graph.names(), inputs);
        } catch (ModelSpecException e) {
            JsonValue at = e.layerIndex() == ModelSpecException.NO_LAYER ? object : layerValues.get(e.layerIndex());
            throw e.at(at.location() == null ? sourceName : at.location().toString());
        }
    }

    /** Pretty JSON, one line per layer, no trailing newline. */
    public static String toJson(ModelSpec spec) {
        return Json.pretty(toJsonValue(spec));
    }

    public static JsonObject toJsonValue(ModelSpec spec) {
        List<JsonValue> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            JsonObject layer = LayerSpecWriter.write(spec.layers().get(i));
            boolean chained = spec.readsPrevious(i);
            if (spec.nodeName(i) == null && chained) {
                layers.add(layer);
                continue;
            }
            JsonObject.Builder node = JsonObject.builder();
            if (spec.nodeName(i) != null) {
                node.put("name", spec.nodeName(i));
            }
            for (String key : layer.keys()) {
                node.put(key, layer.get(key));
            }
            if (!chained) {
                List<JsonValue> refs = new ArrayList<>();
                for (int k : spec.inputs(i)) {
                    refs.add(JsonString.of(k == ModelSpec.MODEL_INPUT ? GraphReader.MODEL_INPUT : spec.nodeName(k)));
                }
                node.put("inputs", refs.size() == 1 ? refs.get(0) : JsonArray.of(refs));
            }
            layers.add(node.build());
        }
        JsonObject.Builder b = JsonObject.builder();
        if (spec.name() != null) {
            b.put("name", spec.name());
        }
        return b.put("input", JsonArray.ofInts(spec.input().dims()))
                .put("layers", JsonArray.of(layers))
                .build();
    }

    /** The layer type names the format knows. */
    public static List<String> layerTypes() {
        return LayerSpecReader.typeNames();
    }

    private static String defaultName(String sourceName) {
        if (sourceName == null || sourceName.isEmpty()) {
            return "model";
        }
        String base = sourceName.substring(Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\')) + 1);
        return base.endsWith(".json") && base.length() > 5 ? base.substring(0, base.length() - 5) : base;
    }
}
