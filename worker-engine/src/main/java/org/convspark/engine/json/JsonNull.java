package org.convspark.engine.json;

/** The JSON {@code null}. */
public final class JsonNull implements JsonValue {
    /** A null built in code (no location). */
    public static final JsonNull INSTANCE = new JsonNull(null);

    private final JsonLocation location;

    JsonNull(JsonLocation location) {
        this.location = location;
    }

    @Override
    public JsonLocation location() {
        return location;
    }

    @Override
    public String kind() {
        return "null";
    }

    @Override
    public boolean isNull() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNull;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "null";
    }
}
