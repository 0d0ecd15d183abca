package org.convspark.engine.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {

    @Test
    void parsesEveryKindAndKeepsObjectOrder() {
        JsonObject o = Json.parse("{\"z\": 1, \"a\": [true, false, null], \"m\": {\"s\": \"x\"}, \"f\": -2.5e1}",
                "t.json").asObject();
        assertEquals(List.of("z", "a", "m", "f"), List.copyOf(o.keys()));
        assertEquals(1, o.get("z").asInt());
        JsonArray a = o.get("a").asArray();
        assertTrue(a.get(0).asBoolean());
        assertFalse(a.get(1).asBoolean());
        assertTrue(a.get(2).isNull());
        assertEquals("x", o.get("m").asObject().get("s").asString());
        assertEquals(-25.0, o.get("f").asDouble());
        assertNull(o.get("missing"));
    }

    @Test
    void numbersRememberWhetherTheyWereIntegral() {
        JsonArray a = Json.parse("[3, 3.0, 3e0, -0, 9223372036854775807]", "n").asArray();
        assertTrue(a.get(0).asNumber().isIntegral());
        assertFalse(a.get(1).asNumber().isIntegral());
        assertFalse(a.get(2).asNumber().isIntegral());
        assertEquals(3.0, a.get(1).asDouble());
        assertEquals(0, a.get(3).asInt());
        assertEquals(Long.MAX_VALUE, a.get(4).asLong());
        JsonException notInt = assertThrows(JsonException.class, () -> a.get(1).asInt());
        assertEquals("n:1:5: expected an integer but found 3.0", notInt.getMessage());
        JsonException tooBig = assertThrows(JsonException.class, () -> a.get(4).asInt());
        assertTrue(tooBig.getMessage().startsWith("n:1:19: integer 9223372036854775807 is out of range"),
                tooBig.getMessage());
        assertThrows(JsonException.class, () -> Json.parse("1e999", "n").asDouble());
    }

    @Test
    void decodesEveryEscapeIncludingSurrogatePairs() {
        String s = Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\uD83D\\uDE00 \\u0000\"", "s").asString();
        assertEquals("q\" b\\ s/ \b\f\n\r\t \u00e9 \uD83D\uDE00 \u0000", s);
        assertEquals("caf\u00e9 \u4e2d", Json.parse("\"caf\u00e9 \u4e2d\"", "s").asString());
    }

    @Test
    void ignoresALeadingByteOrderMarkAndSurroundingWhitespace() {
        assertEquals(7, Json.parse("\uFEFF \r\n\t 7 \n", "bom").asInt());
    }

    @Test
    void valuesKnowTheirLineAndColumn() {
        JsonObject o = Json.parse("{\n  \"a\": [1,\n\t2],\r\n  \"b\": \"x\"\n}", "pos.json").asObject();
        assertEquals(new JsonLocation("pos.json", 1, 1), o.location());
        assertEquals(new JsonLocation("pos.json", 2, 8), o.get("a").location());
        assertEquals(new JsonLocation("pos.json", 3, 2), o.get("a").asArray().get(1).location());
        assertEquals(new JsonLocation("pos.json", 4, 8), o.get("b").location());
    }

    @Test
    void typedAccessorsNameWhatTheyFound() {
        JsonObject o = Json.parse("{\"k\": \"five\"}", "spec.json").asObject();
        JsonException e = assertThrows(JsonException.class, () -> o.get("k").asInt());
        assertEquals("spec.json:1:7: expected a number but found a string", e.getMessage());
        JsonException missing = assertThrows(JsonException.class, () -> o.require("kernel"));
        assertEquals("spec.json:1:1: missing field \"kernel\"", missing.getMessage());
        assertThrows(JsonException.class, () -> o.asArray());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"a\": 1 \"b\": 2}`        | 1:9: expected ',' or '}' but found '\"'",
        "`{\"a\": 1,}`                | 1:9: expected a string key but found '}'",
        "`[1, 2,]`                    | 1:7: expected a value (object, array, string, number, true, false or null) but found ']'",
        "`[1 2]`                      | 1:4: expected ',' or ']' but found '2'",
        "`{a: 1}`                     | 1:2: expected a string key or '}' but found 'a'",
        "`{\"a\" 1}`                  | 1:6: expected ':' after key \"a\" but found '1'",
        "`{\"a\": 1, \"a\": 2}`       | 1:10: duplicate key \"a\"",
        "`[01]`                       | 1:3: leading zeros are not allowed in a number",
        "`[1.]`                       | 1:4: expected a digit after '.' but found ']'",
        "`[-]`                        | 1:3: expected a digit after '-' but found ']'",
        "`[1e+]`                      | 1:5: expected a digit in the exponent but found ']'",
        "`[.5]`                       | 1:2: expected a value (object, array, string, number, true, false or null) but found '.'",
        "`[NaN]`                      | 1:2: expected a value (object, array, string, number, true, false or null) but found 'N'",
        "`[tru]`                      | 1:2: expected a value but found 'tru' (did you mean true?)",
        "`\"abc`                      | 1:5: unterminated string (missing closing '\"')",
        "`\"a\\x\"`                   | 1:4: invalid escape '\\x' (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
        "`\"\\u12G4\"`                | 1:6: invalid \\u escape: expected 4 hex digits but found 'G'",
        "`{} {}`                      | 1:4: expected end of input but found '{'",
        "``                           | 1:1: expected a value but found end of input",
        "`{\"a\": [1, 2`              | 1:12: expected ',' or ']' but found end of input",
        "`// comment`                 | 1:1: expected a value (object, array, string, number, true, false or null) but found '/'",
        "`['a']`                      | 1:2: expected a value (object, array, string, number, true, false or null) but found '''",
    })
    void invalidInputIsReportedWithItsPosition(String text, String expected) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text, "bad.json"));
        assertEquals("bad.json:" + expected.strip(), e.getMessage());
    }

    @Test
    void errorsOnLaterLinesCountLinesAndColumns() {
        String text = "{\n  \"layers\": [\n    {\"type\": \"conv\" \"kernel\": 3}\n  ]\n}";
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text, "spec.json"));
        assertEquals("spec.json:3:21: expected ',' or '}' but found '\"'", e.getMessage());
        assertEquals(new JsonLocation("spec.json", 3, 21), e.location());
    }

    @Test
    void rawControlCharactersInStringsAreRefused() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("\"a\nb\"", "c.json"));
        assertEquals("c.json:1:3: control character a line break must be escaped in a string", e.getMessage());
        JsonException tab = assertThrows(JsonException.class, () -> Json.parse("\"a\tb\"", "c.json"));
        assertEquals("c.json:1:3: control character U+0009 must be escaped in a string", tab.getMessage());
    }

    @Test
    void nestingIsLimited() {
        String deep = "[".repeat(300) + "]".repeat(300);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep, "deep.json"));
        assertEquals("deep.json:1:257: nesting deeper than 256 levels", e.getMessage());
        assertEquals(0, Json.parse("[[[]]]", "ok", 3).asArray().get(0).asArray().get(0).asArray().size());
        assertThrows(JsonException.class, () -> Json.parse("[[[[]]]]", "x", 3));
    }

    @Test
    void arraysConvertToPrimitiveArrays() {
        JsonArray a = Json.parse("[1, 2, 3]", "a").asArray();
        assertArrayEquals(new int[] {1, 2, 3}, a.toIntArray());
        assertArrayEquals(new long[] {1, 2, 3}, a.toLongArray());
        assertArrayEquals(new double[] {0.1, 2.5}, Json.parse("[0.1, 2.5]", "d").asArray().toDoubleArray());
        assertArrayEquals(new float[] {0.1f, -1.5e-7f}, Json.parse("[0.1, -1.5e-7]", "f").asArray().toFloatArray());
        JsonException e = assertThrows(JsonException.class,
                () -> Json.parse("[1, \"2\"]", "a").asArray().toIntArray());
        assertEquals("a:1:5: expected a number but found a string", e.getMessage());
    }

    @Test
    void equalityIsStructuralAndIgnoresLocations() {
        assertEquals(Json.parse("{\"a\": [1, 2.50]}", "x"), Json.parse("{ \"a\" : [ 1 , 2.5 ] }", "y"));
        assertEquals(Json.parse("{\"a\": [1, 2.5]}", "x").hashCode(), Json.parse("{\"a\":[1,2.50]}", "y").hashCode());
        assertFalse(Json.parse("1", "x").equals(Json.parse("1.0", "x")));
        assertFalse(Json.parse("{\"a\":1,\"b\":2}", "x").equals(Json.parse("{\"a\":1}", "x")));
    }
}
