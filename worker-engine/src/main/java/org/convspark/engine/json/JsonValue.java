package org.convspark.engine.json;

/**
 * One JSON value. Values are immutable; equality is structural and ignores source locations.
 * The typed accessors ({@link #asObject()}, {@link #asInt()}, ...) throw {@link JsonException}
 * naming the location and the kind actually found, so a caller never casts.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Where this value starts in the parsed text, or null for values built in code. */
    JsonLocation location();

    /** The kind with an article, for messages: "an object", "a string", "null", ... */
    String kind();

    default JsonObject asObject() {
        throw mismatch("an object");
    }

    default JsonArray asArray() {
        throw mismatch("an array");
    }

    default String asString() {
        throw mismatch("a string");
    }

    default boolean asBoolean() {
        throw mismatch("true or false");
    }

    default JsonNumber asNumber() {
        throw mismatch("a number");
    }

    /** An integral number that fits an {@code int}. */
    default int asInt() {
        return asNumber().intValue();
    }

    /** An integral number that fits a {@code long}. */
    default long asLong() {
        return asNumber().longValue();
    }

    /** A number within the range of a finite {@code double}. */
    default double asDouble() {
        return asNumber().doubleValue();
    }

    default boolean isNull() {
        return false;
    }

    /** The error "expected {@code expected} but found ..." at this value's location. */
    default JsonException mismatch(String expected) {
        return new JsonException(location(), "expected " + expected + " but found " + kind());
    }
}
