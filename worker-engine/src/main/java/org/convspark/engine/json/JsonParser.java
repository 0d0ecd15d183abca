package org.convspark.engine.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Recursive-descent parser for RFC 8259 JSON, strict: no comments, no trailing commas, no
 * single quotes, no NaN, no leading zeros, no raw control characters in strings, unique keys,
 * nothing after the top-level value. Lines are tracked as the parser goes, which is cheap
 * because a raw line break can only appear in whitespace.
 */
final class JsonParser {
    private final String text;
    private final String source;
    private final int maxDepth;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;

    JsonParser(String text, String source, int maxDepth) {
        this.text = text;
        this.source = source;
        this.maxDepth = maxDepth;
        // RFC 8259 section 8.1: a parser may ignore a leading byte order mark.
        this.pos = text.startsWith("\uFEFF") ? 1 : 0;
        this.lineStart = pos;
    }

    JsonValue parseDocument() {
        skipWhitespace();
        JsonValue v = parseValue();
        skipWhitespace();
        if (pos < text.length()) {
            throw error("expected end of input but found " + found());
        }
        return v;
    }

    private JsonValue parseValue() {
        if (pos >= text.length()) {
            throw error("expected a value but found end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return parseObject();
            case '[':
                return parseArray();
            case '"': {
                JsonLocation at = here();
                return new JsonString(parseString(), at);
            }
            case 't':
                return literal("true", new JsonBoolean(true, here()));
            case 'f':
                return literal("false", new JsonBoolean(false, here()));
            case 'n':
                return literal("null", new JsonNull(here()));
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return parseNumber();
                }
                throw error("expected a value (object, array, string, number, true, false or null) but found "
                        + found());
        }
    }

    private JsonObject parseObject() {
        JsonLocation at = here();
        enter();
        pos++;
        LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new JsonObject(members, at);
        }
        while (true) {
            if (peek() != '"') {
                throw error(members.isEmpty() ? "expected a string key or '}' but found " + found()
                        : "expected a string key but found " + found());
            }
            JsonLocation keyAt = here();
            String key = parseString();
            skipWhitespace();
            expect(':', "expected ':' after key \"" + key + "\" but found ");
            skipWhitespace();
            JsonValue value = parseValue();
            if (members.putIfAbsent(key, value) != null) {
                throw new JsonException(keyAt, "duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                skipWhitespace();
            } else if (peek() == '}') {
                pos++;
                depth--;
                return new JsonObject(members, at);
            } else {
                throw error("expected ',' or '}' but found " + found());
            }
        }
    }

    private JsonArray parseArray() {
        JsonLocation at = here();
        enter();
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new JsonArray(elements, at);
        }
        while (true) {
            elements.add(parseValue());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                skipWhitespace();
            } else if (peek() == ']') {
                pos++;
                depth--;
                return new JsonArray(elements, at);
            } else {
                throw error("expected ',' or ']' but found " + found());
            }
        }
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
    }

    private String parseString() {
        pos++;
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string (missing closing '\"')");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character " + describe(c) + " must be escaped in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(text, runStart, pos);
            pos++;
            if (pos >= text.length()) {
                throw error("unterminated string (missing closing '\"')");
            }
            char e = text.charAt(pos);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': sb.append(parseHex4()); pos += 4; break;
                default:
                    throw error("invalid escape '\\" + (e < 0x20 ? describe(e) : String.valueOf(e))
                            + "' (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
            pos++;
            runStart = pos;
        }
    }

    /** The four hex digits after {@code \\u}; a surrogate pair arrives as two escapes, two chars. */
    private char parseHex4() {
        int v = 0;
        for (int i = 1; i <= 4; i++) {
            int at = pos + i;
            int digit = at < text.length() ? Character.digit(text.charAt(at), 16) : -1;
            if (digit < 0) {
                pos = Math.min(at, text.length());
                throw error("invalid \\u escape: expected 4 hex digits but found " + found());
            }
            v = v * 16 + digit;
        }
        return (char) v;
    }

    private JsonNumber parseNumber() {
        JsonLocation at = here();
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zeros are not allowed in a number");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit after '-' but found " + found());
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.' but found " + found());
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent but found " + found());
            }
            digits();
        }
        return new JsonNumber(text.substring(start, pos), integral, at);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, pos)) {
            int end = pos;
            while (end < text.length() && end - pos < 16 && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            throw error("expected a value but found '" + text.substring(pos, Math.max(end, pos + 1))
                    + "' (did you mean " + word + "?)");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c, String message) {
        if (peek() != c) {
            throw error(message + found());
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The next character, or -1 at the end. */
    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private JsonLocation here() {
        return new JsonLocation(source, line, pos - lineStart + 1);
    }

    private JsonException error(String problem) {
        return new JsonException(here(), problem);
    }

    private String found() {
        if (pos >= text.length()) {
            return "end of input";
        }
        return describe(text.charAt(pos));
    }

    private static String describe(char c) {
        if (c == '\n' || c == '\r') {
            return "a line break";
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
