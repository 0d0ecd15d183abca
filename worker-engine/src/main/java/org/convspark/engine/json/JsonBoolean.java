package org.convspark.engine.json;

/** JSON {@code true} or {@code false}. */
public final class JsonBoolean implements JsonValue {
    public static final JsonBoolean TRUE = new JsonBoolean(true, null);
    public static final JsonBoolean FALSE = new JsonBoolean(false, null);

    private final boolean value;
    private final JsonLocation location;

    JsonBoolean(boolean value, JsonLocation location) {
        this.value = value;
        this.location = location;
    }

    public static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public JsonLocation location() {
        return location;
    }

    @Override
    public String kind() {
        return "a boolean (" + value + ")";
    }

    @Override
    public boolean asBoolean() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonBoolean b && b.value == value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(value);
    }

    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}
