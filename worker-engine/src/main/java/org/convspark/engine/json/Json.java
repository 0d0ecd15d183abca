package org.convspark.engine.json;

/**
 * Entry point: {@link #parse(String, String)} text to a {@link JsonValue} tree, and
 * {@link #write(JsonValue)} / {@link #pretty(JsonValue)} a tree back to text.
 */
public final class Json {
    /**
     * Deepest nesting accepted by default. Far beyond any real spec or report, and low enough
     * that a hostile file of brackets cannot exhaust the parser's stack.
     */
    public static final int MAX_DEPTH = 256;

    private Json() {
    }

    /**
     * Parses one JSON document.
     *
     * @param sourceName names the text in errors (a file name), as in {@code spec.json:3:14: ...}
     * @throws JsonException on malformed input, with line and column
     */
    public static JsonValue parse(String text, String sourceName) {
        return parse(text, sourceName, MAX_DEPTH);
    }

    public static JsonValue parse(String text, String sourceName, int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
        }
        return new JsonParser(text, sourceName, maxDepth).parseDocument();
    }

    /** Compact text, no whitespace. */
    public static String write(JsonValue value) {
        return JsonWriter.compact().write(value);
    }

    /** Indented text for files people read; see {@link JsonWriter#pretty()}. */
    public static String pretty(JsonValue value) {
        return JsonWriter.pretty().write(value);
    }
}
