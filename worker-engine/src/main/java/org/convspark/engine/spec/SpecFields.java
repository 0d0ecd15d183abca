package org.convspark.engine.spec;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonException;
import org.convspark.engine.json.JsonNumber;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonString;
import org.convspark.engine.json.JsonValue;

/**
 * Typed reading of the fields of one spec object (the model itself or one layer), with every
 * error a {@link ModelSpecException} that names the source position, the layer and the field.
 * An absent optional field takes the given default; a present field must have the right JSON
 * type (an integer is written without a fraction: {@code 3}, not {@code 3.0}).
 */
final class SpecFields {
    private final JsonObject object;
    private final String source;
    private final int layerIndex;
    private final String layerType;
    private final int spatialDims;

    /**
     * @param source the source name, used when a value has no location (built in code)
     * @param spatialDims how many values a per-dimension array must have
     */
    SpecFields(JsonObject object, String source, int layerIndex, String layerType, int spatialDims) {
        this.object = object;
        this.source = source;
        this.layerIndex = layerIndex;
        this.layerType = layerType;
        this.spatialDims = spatialDims;
    }

    /** Refuses a field not in {@code known}, suggesting the closest known name. */
    void checkKnown(List<String> known, String owner) {
        checkKnown(known, List.of(), owner);
    }

    /** As above, also accepting the fields {@code alsoAccepted} (which every layer takes, so no message lists them). */
    void checkKnown(List<String> known, List<String> alsoAccepted, String owner) {
        for (String key : object.keys()) {
            if (!known.contains(key) && !alsoAccepted.contains(key)) {
                String takes = known.size() <= 1 ? owner + " takes no fields besides \"type\""
                        : owner + " takes: " + String.join(", ", known);
                throw error(null, object.get(key), "unknown field \"" + key + "\"" + ClosestName.hint(key, known)
                        + "; " + takes);
            }
        }
    }

    /** A required integer. */
    int integer(String name) {
        return integer(required(name), name);
    }

    int integer(String name, int defaultValue) {
        JsonValue v = object.get(name);
        return v == null ? defaultValue : integer(v, name);
    }

    /**
     * An integer for every spatial dimension, or one integer for all of them; {@code
     * defaultValue} null makes the field required, and a default of one value serves every
     * dimension too.
     */
    int[] ints(String name, int[] defaultValue) {
        JsonValue v = defaultValue == null ? required(name) : object.get(name);
        if (v == null) {
            if (defaultValue.length == 1 && spatialDims > 1) {
                int[] spread = new int[spatialDims];
                Arrays.fill(spread, defaultValue[0]);
                return spread;
            }
            return defaultValue.clone();
        }
        if (v instanceof JsonArray a && a.size() == spatialDims) {
            return elements(a, name);
        }
        if (v instanceof JsonArray || !(v instanceof JsonNumber)) {
            throw error(name, v, "expected " + intsDescription() + " but found " + v.kind());
        }
        int[] out = new int[spatialDims];
        Arrays.fill(out, integer(v, name));
        return out;
    }

    /** Integers of any count (the model's input shape). */
    int[] intArray(String name) {
        JsonValue v = required(name);
        if (!(v instanceof JsonArray a)) {
            throw error(name, v, "expected an array of integers but found " + v.kind());
        }
        return elements(a, name);
    }

    JsonArray array(String name) {
        JsonValue v = required(name);
        if (!(v instanceof JsonArray a)) {
            throw error(name, v, "expected an array but found " + v.kind());
        }
        return a;
    }

    boolean bool(String name, boolean defaultValue) {
        return typed(name, defaultValue, JsonValue::asBoolean);
    }

    double number(String name, double defaultValue) {
        return typed(name, defaultValue, JsonValue::asDouble);
    }

    /** {@code defaultValue} null makes the field required. */
    String string(String name, String defaultValue) {
        return typed(name, defaultValue, JsonValue::asString);
    }

    private <T> T typed(String name, T defaultValue, Function<JsonValue, T> read) {
        JsonValue v = defaultValue == null ? required(name) : object.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return read.apply(v);
        } catch (JsonException e) {
            throw error(name, v, e.problem());
        }
    }

    /**
     * A name converted by {@code parse} (which throws IllegalArgumentException saying what the
     * valid names are); the error points at the value.
     */
    <T> T named(String name, String defaultValue, Function<String, T> parse) {
        String text = string(name, defaultValue);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(null, object.get(name), e.getMessage());
        }
    }

    /** {@code padding}: an integer, one per dimension, or (when allowed) valid / same / full. */
    Padding padding(boolean namedRules) {
        JsonValue v = object.get("padding");
        if (v == null) {
            return Padding.of(0);
        }
        if (namedRules && v instanceof JsonString) {
            return named("padding", null, Padding::fromSpecName);
        }
        if (v instanceof JsonArray || v instanceof JsonNumber) {
            return Padding.of(ints("padding", null));
        }
        throw error("padding", v, "expected " + intsDescription()
                + (namedRules ? " or one of \"valid\", \"same\", \"full\"" : "") + " but found " + v.kind());
    }

    /** An error about a value of this object; {@code field} null when the problem names it. */
    ModelSpecException error(String field, JsonValue at, String problem) {
        return new ModelSpecException(where(at), layerIndex, layerType, field, problem, null);
    }

    /**
     * A rule broken inside a record or geometry constructor. Their messages start with the
     * field they are about ("stride must be >= 1, ..."), so the error points at that field's
     * value when this object has it, else at the object.
     */
    ModelSpecException wrap(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        JsonValue at = object;
        int matched = 0;
        for (String key : object.keys()) {
            if (key.length() > matched && (message.startsWith(key + " ") || message.startsWith(key + ":"))) {
                at = object.get(key);
                matched = key.length();
            }
        }
        return new ModelSpecException(where(at), layerIndex, layerType, null, message, e);
    }

    private String where(JsonValue at) {
        return at != null && at.location() != null ? at.location().toString() : source;
    }

    private JsonValue required(String name) {
        JsonValue v = object.get(name);
        if (v == null) {
            throw error(name, object, "required field is missing");
        }
        return v;
    }

    private int integer(JsonValue v, String name) {
        try {
            return v.asInt();
        } catch (JsonException e) {
            throw error(name, v, e.problem().startsWith("expected a number") ? "expected an integer but found "
                    + v.kind() : e.problem());
        }
    }

    private int[] elements(JsonArray a, String name) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonValue e = a.get(i);
            if (!(e instanceof JsonNumber)) {
                throw error(name, e, "element " + i + ": expected an integer but found " + e.kind());
            }
            out[i] = integer(e, name);
        }
        return out;
    }

    private String intsDescription() {
        return spatialDims == 1 ? "an integer or an array of 1 integer"
                : "an integer or an array of " + spatialDims + " integers";
    }
}
