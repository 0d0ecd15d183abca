package org.convspark.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void compactHasNoWhitespaceAndEscapes() {
        JsonObject o = JsonObject.builder()
                .put("s", "a\"b\\c\n\t\u0001\u00e9")
                .put("i", 3)
                .put("d", 0.5)
                .put("b", true)
                .put("n", (String) null)
                .put("a", JsonArray.ofInts(1, 2))
                .build();
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\u00e9\",\"i\":3,\"d\":0.5,\"b\":true,\"n\":null,\"a\":[1,2]}",
                Json.write(o));
    }

    @Test
    void prettyKeepsSmallThingsOnOneLine() {
        JsonObject layer1 = JsonObject.builder().put("type", "conv").put("kernel", JsonArray.ofInts(5, 5)).build();
        JsonObject layer2 = JsonObject.builder().put("type", "relu").build();
        JsonObject spec = JsonObject.builder()
                .put("name", "m")
                .put("input", JsonArray.ofInts(1, 28, 28))
                .put("layers", JsonArray.of(layer1, layer2))
                .put("empty", JsonArray.of())
                .put("nested", JsonObject.builder().put("x", JsonObject.builder().build()).build())
                .build();
        String expected = "{\n"
                + "  \"name\": \"m\",\n"
                + "  \"input\": [1, 28, 28],\n"
                + "  \"layers\": [\n"
                + "    {\"type\": \"conv\", \"kernel\": [5, 5]},\n"
                + "    {\"type\": \"relu\"}\n"
                + "  ],\n"
                + "  \"empty\": [],\n"
                + "  \"nested\": {\n"
                + "    \"x\": {}\n"
                + "  }\n"
                + "}";
        assertEquals(expected, Json.pretty(spec));
    }

    @Test
    void prettySplitsObjectsWiderThanTheLimit() {
        JsonObject wide = JsonObject.builder().put("k", "x".repeat(JsonWriter.INLINE_WIDTH)).build();
        assertEquals("{\n  \"k\": \"" + "x".repeat(JsonWriter.INLINE_WIDTH) + "\"\n}", Json.pretty(wide));
    }

    @Test
    void numbersAreWrittenExactly() {
        assertEquals("[0.1,1.0E-5,-3,2.0,0.30000001]",
                Json.write(JsonArray.of(JsonNumber.of(0.1f), JsonNumber.of(1e-5), JsonNumber.of(-3),
                        JsonNumber.of(2.0), JsonNumber.of(0.30000001))));
        assertEquals("[2,0.5,-7]", Json.write(JsonArray.of(JsonNumber.ofWhole(2.0), JsonNumber.ofWhole(0.5),
                JsonNumber.ofWhole(-7.0))));
        assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(Float.POSITIVE_INFINITY));
    }

    @Test
    void builderRefusesDuplicateKeys() {
        assertThrows(IllegalArgumentException.class, () -> JsonObject.builder().put("a", 1).put("a", 2));
    }

    @Test
    void randomTreesRoundTripThroughBothLayouts() {
        Random rnd = new Random(42);
        for (int i = 0; i < 200; i++) {
            JsonValue v = randomValue(rnd, 0);
            assertEquals(v, Json.parse(Json.write(v), "compact"));
            assertEquals(v, Json.parse(Json.pretty(v), "pretty"));
            assertEquals(Json.write(v), Json.write(Json.parse(Json.pretty(v), "pretty")));
        }
    }

    @Test
    void floatArraysRoundTripBitExactly() {
        Random rnd = new Random(7);
        float[] data = new float[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = Float.intBitsToFloat(rnd.nextInt()) % 1e6f;
            if (!Float.isFinite(data[i])) {
                data[i] = rnd.nextFloat();
            }
        }
        float[] back = Json.parse(Json.write(JsonArray.ofFloats(data)), "f").asArray().toFloatArray();
        for (int i = 0; i < data.length; i++) {
            assertEquals(Float.floatToIntBits(data[i]), Float.floatToIntBits(back[i]), "element " + i);
        }
    }

    private static JsonValue randomValue(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0: return JsonNumber.of(rnd.nextLong());
            case 1: return JsonNumber.of(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
            case 2: return JsonString.of(randomString(rnd));
            case 3: return JsonBoolean.of(rnd.nextBoolean());
            case 4: return JsonNull.INSTANCE;
            case 5: {
                JsonValue[] elements = new JsonValue[rnd.nextInt(5)];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = randomValue(rnd, depth + 1);
                }
                return JsonArray.of(elements);
            }
            default: {
                JsonObject.Builder b = JsonObject.builder();
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.put("k" + i + randomString(rnd), randomValue(rnd, depth + 1));
                }
                return b.build();
            }
        }
    }

    private static String randomString(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int pick = rnd.nextInt(4);
            sb.append(pick == 0 ? (char) rnd.nextInt(0x20) : pick == 1 ? "\"\\/".charAt(rnd.nextInt(3))
                    : pick == 2 ? (char) (0x80 + rnd.nextInt(0xD000)) : (char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }
}
