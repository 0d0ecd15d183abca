package org.convspark.engine.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonString;
import org.convspark.engine.json.JsonValue;

/**
 * Reads the graph fields every layer object may have: {@code "name"} and {@code "inputs"} (the
 * names of the nodes it reads, or {@code "input"} for the model's input; one string or an
 * array; by default the layer before). Each broken reference is one error naming the node and
 * what is wrong with it: a name no node has, a node that reads itself or one that (through
 * others) reads it (a cycle, with its path), a node defined after the one reading it.
 */
final class GraphReader {
    /** The fields {@link LayerSpecReader} accepts on every layer besides the type's own. */
    static final List<String> NODE_FIELDS = List.of("name", "inputs");
    /** What {@code "inputs"} calls the model's input. */
    static final String MODEL_INPUT = "input";

    private final List<JsonObject> nodes;
    private final String source;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final List<JsonValue> inputValues = new ArrayList<>();

    /** {@code layerValues}: the layer objects (their other fields are read elsewhere). */
    GraphReader(JsonArray layerValues, String source) {
        this.source = source;
        this.nodes = new ArrayList<>();
        for (int i = 0; i < layerValues.size(); i++) {
            JsonValue v = layerValues.get(i);
            JsonObject object = v instanceof JsonObject o ? o : JsonObject.builder().build();
            nodes.add(object);
            String name = object.get("name") == null ? null : fields(i).string("name", "");
            names.add(name);
            SpecFields f = fields(i);
            if (name != null && byName.containsKey(name)) {
                throw f.error("name", object.get("name"), "layer " + byName.get(name) + " has the name \"" + name
                        + "\" already");
            }
            if (name != null) {
                byName.put(name, i);
            }
            inputValues.add(object.get("inputs"));
        }
    }

    List<String> names() {
        return names;
    }

    /** Node {@code i}'s inputs as indices ({@link ModelSpec#MODEL_INPUT} for the model's input). */
    List<int[]> inputs() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(resolve(i));
        }
        return out;
    }

    private int[] resolve(int i) {
        List<String> refs = references(i);
        if (refs == null) {
            return new int[] {i - 1};
        }
        int[] out = new int[refs.size()];
        for (int k = 0; k < refs.size(); k++) {
            String ref = refs.get(k);
            JsonValue at = inputValues.get(i);
            if (ref.equals(MODEL_INPUT)) {
                out[k] = ModelSpec.MODEL_INPUT;
                continue;
            }
            Integer j = byName.get(ref);
            if (j == null) {
                throw fields(i).error("inputs", at, "input \"" + ref + "\" names no node"
                        + ClosestName.hint(ref, byName.keySet()) + " (\"input\" is the model's input)");
            }
            if (j == i) {
                throw fields(i).error("inputs", at, "input \"" + ref + "\" is this node itself: a cycle");
            }
            if (j > i) {
                List<Integer> cycle = path(j, i);
                if (cycle != null) {
                    StringBuilder b = new StringBuilder(label(i));
                    for (int n : cycle) {
                        b.append(" -> ").append(label(n));
                    }
                    throw fields(i).error("inputs", at, "input \"" + ref + "\" makes a cycle: " + b
                            + " (each node reads the next)");
                }
                throw fields(i).error("inputs", at, "input \"" + ref + "\" is layer " + j
                        + ", defined after this one: a node comes after the nodes it reads");
            }
            out[k] = j;
        }
        return out;
    }

    /**
     * The nodes from {@code from} back to {@code target} following inputs ({@code from} first,
     * {@code target} last), or null when {@code from} does not read {@code target} at all.
     */
    private List<Integer> path(int from, int target) {
        List<Integer> trail = new ArrayList<>();
        return walk(from, target, new boolean[nodes.size()], trail) ? trail : null;
    }

    private boolean walk(int node, int target, boolean[] seen, List<Integer> trail) {
        trail.add(node);
        if (node == target) {
            return true;
        }
        if (!seen[node]) {
            seen[node] = true;
            for (int j : reads(node)) {
                if (j >= 0 && walk(j, target, seen, trail)) {
                    return true;
                }
            }
        }
        trail.remove(trail.size() - 1);
        return false;
    }

    /** The nodes {@code node} reads, unresolved names left out (their own error comes in order). */
    private List<Integer> reads(int node) {
        List<String> refs = references(node);
        List<Integer> out = new ArrayList<>();
        if (refs == null) {
            out.add(node - 1);
            return out;
        }
        for (String ref : refs) {
            Integer j = byName.get(ref);
            if (j != null) {
                out.add(j);
            }
        }
        return out;
    }

    /** The names in node {@code i}'s {@code "inputs"}, or null without the field. */
    private List<String> references(int i) {
        JsonValue v = inputValues.get(i);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof JsonString s) {
            out.add(s.asString());
            return out;
        }
        if (v instanceof JsonArray a && a.size() > 0) {
            for (int k = 0; k < a.size(); k++) {
                if (!(a.get(k) instanceof JsonString s)) {
                    throw fields(i).error("inputs", a.get(k), "expected a node name (a string) but found "
                            + a.get(k).kind());
                }
                out.add(s.asString());
            }
            return out;
        }
        throw fields(i).error("inputs", v, "expected a node name or a non-empty array of node names but found "
                + (v instanceof JsonArray ? "an empty array" : v.kind()));
    }

    private String label(int i) {
        return names.get(i) == null ? "layer " + i : "\"" + names.get(i) + "\"";
    }

    private SpecFields fields(int i) {
        JsonValue type = nodes.get(i).get("type");
        String t = type instanceof JsonString s ? s.asString() : null;
        String n = i < names.size() ? names.get(i) : null;
        return new SpecFields(nodes.get(i), source, i, t == null ? null : ModelSpec.label(t, n), 0);
    }
}
