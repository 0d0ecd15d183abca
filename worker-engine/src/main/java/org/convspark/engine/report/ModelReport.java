package org.convspark.engine.report;

import java.util.ArrayList;
import java.util.List;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonNumber;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.spec.ModelSpec;

/**
 * Both reports of one model: the text a run logs ({@link #toText()}) and one JSON document
 * ({@link #toJson()}):
 * <pre>
 * {"model": NAME, "input": [C, H, W], "total_params": N, "total_running_statistics": M,
 *  "layers": [{"index", "type", ("name",) ("inputs",) "output", "params", "fully_connected_params",
 *              "locally_connected_params", "flops", "receptive_field", "jump", "start", "field"}]}
 * </pre>
 * The conv-only fields are null for other layers; {@code receptive_field}, {@code jump} and
 * {@code start} are per-dimension arrays, null where there is no single field, and {@code field}
 * says why ({@code defined}, {@code whole_input}, {@code varies}, {@code not_aligned}). A named
 * node has its {@code name}; a named node, and one that does not read the node before it, its
 * {@code inputs} (indices, -1 for the model's input).
 */
public final class ModelReport {
    private final ParameterReport parameters;
    private final ReceptiveFieldReport receptiveFields;

    private ModelReport(ParameterReport parameters, ReceptiveFieldReport receptiveFields) {
        this.parameters = parameters;
        this.receptiveFields = receptiveFields;
    }

    public static ModelReport of(ModelSpec spec) {
        return new ModelReport(ParameterReport.of(spec), ReceptiveFieldReport.of(spec));
    }

    public ParameterReport parameters() {
        return parameters;
    }

    public ReceptiveFieldReport receptiveFields() {
        return receptiveFields;
    }

    /** Both tables, separated by a blank line. */
    public String toText() {
        return parameters.toTable() + "\n" + receptiveFields.toTable();
    }

    public JsonObject toJson() {
        ModelSpec spec = parameters.spec();
        List<JsonValue> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            ParameterReport.Row p = parameters.rows().get(i);
            ReceptiveFieldReport.Row rf = receptiveFields.rows().get(i);
            JsonObject.Builder layer = JsonObject.builder()
                    .put("index", p.index())
                    .put("type", p.type());
            if (p.name() != null) {
                layer.put("name", p.name());
            }
            if (p.name() != null || !spec.readsPrevious(i)) {
                layer.put("inputs", JsonArray.ofInts(spec.inputs(i)));
            }
            layer.put("output", JsonArray.ofInts(p.output().dims()))
                    .put("params", p.params())
                    .put("fully_connected_params", orNull(p.fullyConnectedParams()))
                    .put("locally_connected_params", orNull(p.locallyConnectedParams()))
                    .put("flops", p.flops())
                    .put("receptive_field", rf.defined() ? JsonArray.ofLongs(rf.receptiveField()) : null)
                    .put("jump", rf.defined() ? JsonArray.ofLongs(rf.jump()) : null)
                    .put("start", rf.defined() ? starts(rf.start()) : null)
                    .put("field", rf.extent().name().toLowerCase(java.util.Locale.ROOT));
            layers.add(layer.build());
        }
        return JsonObject.builder()
                .put("model", spec.name())
                .put("input", JsonArray.ofInts(spec.input().dims()))
                .put("total_params", parameters.totalParams())
                .put("total_running_statistics", parameters.totalState())
                .put("layers", JsonArray.of(layers))
                .build();
    }

    private static JsonValue orNull(Long v) {
        return v == null ? null : JsonNumber.of(v);
    }

    private static JsonArray starts(double[] start) {
        List<JsonValue> out = new ArrayList<>();
        for (double s : start) {
            out.add(JsonNumber.ofWhole(s));
        }
        return JsonArray.of(out);
    }
}
