package org.convspark.engine.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;

/**
 * One golden case file (format in {@code golden/FORMAT.md}), read through the engine's JSON
 * package; a malformed file or field is an error naming the file, line and column.
 */
public final class GoldenCase {
    /** A tensor of a case: shape and row-major data. */
    public record Tensor(int[] shape, float[] data) {
        public int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final String name;
    private final JsonObject fields;

    private GoldenCase(String name, JsonObject fields) {
        this.name = name;
        this.fields = fields;
    }

    public static GoldenCase read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(file.getFileName().toString(), text);
    }

    public static GoldenCase parse(String name, String json) {
        return new GoldenCase(name, Json.parse(json, name).asObject());
    }

    public String name() {
        return name;
    }

    public boolean has(String key) {
        return fields.has(key);
    }

    public String string(String key) {
        return fields.require(key).asString();
    }

    public boolean bool(String key) {
        return fields.require(key).asBoolean();
    }

    public int integer(String key) {
        return fields.require(key).asInt();
    }

    public double number(String key) {
        return fields.require(key).asDouble();
    }

    public int[] ints(String key) {
        return fields.require(key).asArray().toIntArray();
    }

    public Tensor tensor(String key) {
        JsonObject t = fields.require(key).asObject();
        JsonValue data = t.require("data");
        Tensor tensor = new Tensor(t.require("shape").asArray().toIntArray(), data.asArray().toFloatArray());
        if (tensor.size() != tensor.data().length) {
            throw new IllegalArgumentException(data.location() + ": " + key + " has shape "
                    + java.util.Arrays.toString(tensor.shape()) + " (" + tensor.size() + " elements) but "
                    + data.asArray().size() + " data values");
        }
        return tensor;
    }
}
