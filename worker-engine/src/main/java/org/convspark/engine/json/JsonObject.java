package org.convspark.engine.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A JSON object; immutable, members in insertion (source) order, keys unique. */
public final class JsonObject implements JsonValue {
    private final Map<String, JsonValue> members;
    private final JsonLocation location;

    JsonObject(LinkedHashMap<String, JsonValue> members, JsonLocation location) {
        this.members = Collections.unmodifiableMap(members);
        this.location = location;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public JsonLocation location() {
        return location;
    }

    @Override
    public String kind() {
        return "an object";
    }

    @Override
    public JsonObject asObject() {
        return this;
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The member, or null when absent (a present JSON null is a {@link JsonNull}). */
    public JsonValue get(String key) {
        return members.get(key);
    }

    /** The member; absent is an error "missing field" at this object's location. */
    public JsonValue require(String key) {
        JsonValue v = members.get(key);
        if (v == null) {
            throw new JsonException(location, "missing field \"" + key + "\"");
        }
        return v;
    }

    /** Keys in source order. */
    public Set<String> keys() {
        return members.keySet();
    }

    /** Unmodifiable, in source order. */
    public Map<String, JsonValue> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject j && j.members.equals(members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return JsonWriter.compact().write(this);
    }

    /** Builds an object in the order members are put; a repeated key is an error. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /** A null value is written as JSON null. */
        public Builder put(String key, JsonValue value) {
            if (members.putIfAbsent(key, value == null ? JsonNull.INSTANCE : value) != null) {
                throw new IllegalArgumentException("duplicate key \"" + key + "\"");
            }
            return this;
        }

        public Builder put(String key, long value) {
            return put(key, JsonNumber.of(value));
        }

        public Builder put(String key, double value) {
            return put(key, JsonNumber.of(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonBoolean.of(value));
        }

        /** A null string is written as JSON null. */
        public Builder put(String key, String value) {
            return put(key, value == null ? JsonNull.INSTANCE : JsonString.of(value));
        }

        public JsonObject build() {
            return new JsonObject(new LinkedHashMap<>(members), null);
        }
    }
}
