package org.convspark.engine.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/** A JSON array; immutable. The {@code to...Array} helpers convert a whole array of numbers. */
public final class JsonArray implements JsonValue, Iterable<JsonValue> {
    private final List<JsonValue> elements;
    private final JsonLocation location;

    JsonArray(List<JsonValue> elements, JsonLocation location) {
        this.elements = List.copyOf(elements);
        this.location = location;
    }

    public static JsonArray of(List<? extends JsonValue> elements) {
        return new JsonArray(new ArrayList<>(elements), null);
    }

    public static JsonArray of(JsonValue... elements) {
        return of(Arrays.asList(elements));
    }

    public static JsonArray ofInts(int... values) {
        return build(values.length, i -> JsonNumber.of(values[i]));
    }

    public static JsonArray ofLongs(long... values) {
        return build(values.length, i -> JsonNumber.of(values[i]));
    }

    public static JsonArray ofDoubles(double... values) {
        return build(values.length, i -> JsonNumber.of(values[i]));
    }

    public static JsonArray ofFloats(float... values) {
        return build(values.length, i -> JsonNumber.of(values[i]));
    }

    public static JsonArray ofStrings(List<String> values) {
        return build(values.size(), i -> JsonString.of(values.get(i)));
    }

    private static JsonArray build(int size, IntFunction<JsonValue> element) {
        List<JsonValue> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(element.apply(i));
        }
        return new JsonArray(out, null);
    }

    @Override
    public JsonLocation location() {
        return location;
    }

    @Override
    public String kind() {
        return "an array of " + elements.size();
    }

    @Override
    public JsonArray asArray() {
        return this;
    }

    public int size() {
        return elements.size();
    }

    public JsonValue get(int i) {
        return elements.get(i);
    }

    /** Unmodifiable. */
    public List<JsonValue> elements() {
        return elements;
    }

    @Override
    public Iterator<JsonValue> iterator() {
        return elements.iterator();
    }

    public int[] toIntArray() {
        int[] out = new int[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = elements.get(i).asInt();
        }
        return out;
    }

    public long[] toLongArray() {
        long[] out = new long[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = elements.get(i).asLong();
        }
        return out;
    }

    public double[] toDoubleArray() {
        double[] out = new double[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = elements.get(i).asDouble();
        }
        return out;
    }

    /** Each element rounded to the nearest float, as {@code Float.parseFloat} does. */
    public float[] toFloatArray() {
        float[] out = new float[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(elements.get(i).asNumber().text());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray a && a.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return JsonWriter.compact().write(this);
    }
}
