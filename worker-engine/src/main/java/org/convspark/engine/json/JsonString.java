package org.convspark.engine.json;

/** A JSON string (escapes already decoded). */
public final class JsonString implements JsonValue {
    private final String value;
    private final JsonLocation location;

    JsonString(String value, JsonLocation location) {
        this.value = value;
        this.location = location;
    }

    public static JsonString of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a JSON string cannot be null (use JsonNull)");
        }
        return new JsonString(value, null);
    }

    @Override
    public JsonLocation location() {
        return location;
    }

    @Override
    public String kind() {
        return "a string";
    }

    @Override
    public String asString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonString s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The value as JSON text, quoted and escaped. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        JsonWriter.quote(value, sb);
        return sb.toString();
    }
}
