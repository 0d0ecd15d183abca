package org.convspark.engine.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a {@link JsonValue} tree as text, compact or pretty. Pretty output indents by two
 * spaces and keeps small things on one line so that files stay readable: an array of scalars
 * is always one line (a tensor's data is one line, not one number per line), and an object
 * of scalars and scalar arrays is one line when it fits in {@value #INLINE_WIDTH} characters
 * (a layer of a model spec reads as one line). Numbers are written as their literal text;
 * strings escape quotes, backslashes and control characters, and keep everything else as is.
 */
public final class JsonWriter {
    /** Widest single-line object in pretty output. */
    public static final int INLINE_WIDTH = 100;

    private static final JsonWriter COMPACT = new JsonWriter(false);
    private static final JsonWriter PRETTY = new JsonWriter(true);

    private final boolean pretty;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    /** No whitespace at all. */
    public static JsonWriter compact() {
        return COMPACT;
    }

    /** Indented, with small containers on one line; no trailing newline. */
    public static JsonWriter pretty() {
        return PRETTY;
    }

    public String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    public void write(JsonValue value, Appendable out) {
        try {
            if (pretty) {
                writePretty(value, out, 0);
            } else {
                writeInline(value, out, ",", ":");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeInline(JsonValue value, Appendable out, String comma, String colon)
            throws IOException {
        if (value instanceof JsonObject o) {
            out.append('{');
            String sep = "";
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                out.append(sep);
                quote(e.getKey(), out);
                out.append(colon);
                writeInline(e.getValue(), out, comma, colon);
                sep = comma;
            }
            out.append('}');
        } else if (value instanceof JsonArray a) {
            out.append('[');
            String sep = "";
            for (JsonValue e : a) {
                out.append(sep);
                writeInline(e, out, comma, colon);
                sep = comma;
            }
            out.append(']');
        } else if (value instanceof JsonString s) {
            quote(s.asString(), out);
        } else {
            out.append(value.toString());
        }
    }

    private static void writePretty(JsonValue value, Appendable out, int indent) throws IOException {
        String oneLine = oneLine(value);
        if (oneLine != null) {
            out.append(oneLine);
            return;
        }
        boolean object = value instanceof JsonObject;
        out.append(object ? '{' : '[');
        Iterator<?> it = object ? ((JsonObject) value).members().entrySet().iterator()
                : ((JsonArray) value).iterator();
        while (it.hasNext()) {
            Object next = it.next();
            newline(out, indent + 1);
            JsonValue element;
            if (object) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) next;
                quote((String) e.getKey(), out);
                out.append(": ");
                element = (JsonValue) e.getValue();
            } else {
                element = (JsonValue) next;
            }
            writePretty(element, out, indent + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(out, indent);
        out.append(object ? '}' : ']');
    }

    /** The one-line form when the pretty layout keeps this value on one line, else null. */
    private static String oneLine(JsonValue value) throws IOException {
        boolean fits;
        if (value instanceof JsonArray a) {
            fits = a.elements().stream().allMatch(JsonWriter::isScalar);
        } else if (value instanceof JsonObject o) {
            fits = o.members().values().stream().allMatch(v -> isScalar(v) || isScalarArray(v));
        } else {
            fits = true;
        }
        if (!fits) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        writeInline(value, sb, ", ", ": ");
        return value instanceof JsonObject && sb.length() > INLINE_WIDTH ? null : sb.toString();
    }

    private static boolean isScalar(JsonValue v) {
        return !(v instanceof JsonObject) && !(v instanceof JsonArray);
    }

    private static boolean isScalarArray(JsonValue v) {
        return v instanceof JsonArray a && a.elements().stream().allMatch(JsonWriter::isScalar);
    }

    private static void newline(Appendable out, int indent) throws IOException {
        out.append('\n');
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
    }

    static void quote(String s, Appendable out) {
        try {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"': out.append("\\\""); break;
                    case '\\': out.append("\\\\"); break;
                    case '\n': out.append("\\n"); break;
                    case '\r': out.append("\\r"); break;
                    case '\t': out.append("\\t"); break;
                    case '\b': out.append("\\b"); break;
                    case '\f': out.append("\\f"); break;
                    default:
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                }
            }
            out.append('"');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
