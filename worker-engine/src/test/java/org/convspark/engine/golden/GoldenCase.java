package org.convspark.engine.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden case file (format in {@code golden/FORMAT.md}) read by a minimal JSON parser:
 * objects, arrays, numbers, strings, booleans and null, which is all the cases use. It stands in
 * until the engine's own {@code org.convspark.engine.json} package exists.
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
    private final Map<String, Object> fields;

    private GoldenCase(String name, Map<String, Object> fields) {
        this.name = name;
        this.fields = fields;
    }

    public static GoldenCase read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(file.getFileName().toString(), text);
    }

    public static GoldenCase parse(String name, String json) {
        Parser p = new Parser(json);
        Object root = p.value();
        p.end();
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException(name + ": top level is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) root;
        return new GoldenCase(name, fields);
    }

    public String name() {
        return name;
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    public String string(String key) {
        return (String) require(key, String.class);
    }

    public boolean bool(String key) {
        return (Boolean) require(key, Boolean.class);
    }

    public int integer(String key) {
        return toInt(key, require(key, Double.class));
    }

    public int[] ints(String key) {
        List<?> list = (List<?>) require(key, List.class);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(key, list.get(i));
        }
        return out;
    }

    public Tensor tensor(String key) {
        Object o = require(key, Map.class);
        Map<?, ?> m = (Map<?, ?>) o;
        if (!(m.get("shape") instanceof List<?> shapeList) || !(m.get("data") instanceof List<?> dataList)) {
            throw new IllegalArgumentException(name + ": \"" + key + "\" needs \"shape\" and \"data\" arrays");
        }
        int[] shape = new int[shapeList.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = toInt(key + ".shape", shapeList.get(i));
        }
        float[] data = new float[dataList.size()];
        for (int i = 0; i < data.length; i++) {
            if (!(dataList.get(i) instanceof Double d)) {
                throw new IllegalArgumentException(name + ": " + key + ".data[" + i + "] is not a number");
            }
            data[i] = d.floatValue();
        }
        Tensor t = new Tensor(shape, data);
        if (t.size() != data.length) {
            throw new IllegalArgumentException(name + ": " + key + " has shape " + java.util.Arrays.toString(shape)
                    + " (" + t.size() + " elements) but " + data.length + " data values");
        }
        return t;
    }

    private Object require(String key, Class<?> type) {
        Object v = fields.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(name + ": \"" + key + "\" is "
                    + (v == null ? "missing" : "not a " + type.getSimpleName()));
        }
        return v;
    }

    private int toInt(String key, Object v) {
        if (!(v instanceof Double d) || d != Math.rint(d)) {
            throw new IllegalArgumentException(name + ": \"" + key + "\" holds " + v + ", not an integer");
        }
        return d.intValue();
    }

    /** Recursive descent over the JSON grammar; numbers become {@link Double}. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        void end() {
            skip();
            if (i != s.length()) {
                throw error("trailing characters");
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skip();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skip();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String key = string();
                skip();
                expect(':');
                m.put(key, value());
                skip();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            skip();
            if (peek() == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                skip();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': sb.append('\n'); break;
                        case 't': sb.append('\t'); break;
                        case 'r': sb.append('\r'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'u':
                            if (i + 4 > s.length()) {
                                throw error("bad \\u escape");
                            }
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                            break;
                        default: sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return v;
        }

        private Double number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eEInfinityNa".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            try {
                return Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw error("bad number \"" + s.substring(start, i) + "\"");
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at character " + i);
        }
    }
}
