package org.convspark.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelZoo;
import org.junit.jupiter.api.Test;

class ModelReportTest {

    @Test
    void jsonHasExactlyTheDocumentedFields() {
        JsonObject json = ModelReport.of(ModelZoo.get("lenet5")).toJson();
        assertEquals(List.of("model", "input", "total_params", "total_running_statistics", "layers"), List.copyOf(json.keys()));
        assertEquals("lenet5", json.get("model").asString());
        assertEquals(JsonArray.ofInts(1, 28, 28), json.get("input"));
        assertEquals(61_706, json.get("total_params").asLong());
        JsonArray layers = json.get("layers").asArray();
        assertEquals(12, layers.size());
        for (int i = 0; i < layers.size(); i++) {
            JsonObject layer = layers.get(i).asObject();
            assertEquals(List.of("index", "type", "output", "params", "fully_connected_params",
                    "locally_connected_params", "flops", "receptive_field", "jump", "start", "field"), List.copyOf(layer.keys()));
            assertEquals(i, layer.get("index").asInt());
        }
    }

    @Test
    void convOnlyAndUndefinedFieldsAreNull() {
        JsonArray layers = ModelReport.of(ModelZoo.get("lenet5")).toJson().get("layers").asArray();
        JsonObject conv = layers.get(0).asObject();
        assertEquals(Json.parse("{\"index\": 0, \"type\": \"conv\", \"output\": [6, 28, 28], \"params\": 156,"
                + " \"fully_connected_params\": 3692640, \"locally_connected_params\": 122304, \"flops\": 235200,"
                + " \"receptive_field\": [5, 5], \"jump\": [1, 1], \"start\": [0, 0], \"field\": \"defined\"}", "expected"), conv);
        JsonObject pool = layers.get(2).asObject();
        assertTrue(pool.get("fully_connected_params").isNull());
        assertTrue(pool.get("locally_connected_params").isNull());
        assertEquals(Json.parse("[0.5, 0.5]", "expected"), pool.get("start"));
        JsonObject linear = layers.get(7).asObject();
        assertEquals(48_120, linear.get("params").asLong());
        assertTrue(linear.get("receptive_field").isNull());
        assertTrue(linear.get("jump").isNull());
        assertTrue(linear.get("start").isNull());
    }

    @Test
    void writtenJsonParsesBack() {
        JsonObject json = ModelReport.of(ModelZoo.get("cifar-small")).toJson();
        assertEquals(json, Json.parse(Json.pretty(json), "report.json"));
    }

    @Test
    void textHasBothTables() {
        String text = ModelReport.of(ModelZoo.get("lenet5")).toText();
        assertTrue(text.startsWith("Parameters of lenet5"), text);
        assertTrue(text.contains("\nReceptive fields of lenet5"), text);
        assertTrue(text.contains("61,706"), text);
    }

    @Test
    void aNodeThatDoesNotReadTheOneBeforeItListsItsInputs() {
        org.convspark.engine.spec.ModelSpec spec = org.convspark.engine.spec.ModelSpecJson.parse("{\"input\": [1, 4, 4], "
                + "\"layers\": [{\"name\": \"a\", \"type\": \"relu\"}, {\"name\": \"b\", \"type\": \"tanh\"}, {\"type\": "
                + "\"add\", \"inputs\": [\"b\", \"input\"]}, {\"type\": \"flatten\"}, {\"type\": \"linear\", "
                + "\"out_features\": 2}]}",
                "g.json");
        JsonArray layers = ModelReport.of(spec).toJson().get("layers").asArray();
        assertEquals("a", layers.get(0).asObject().get("name").asString());
        assertEquals(JsonArray.ofInts(-1), layers.get(0).asObject().get("inputs"));
        assertEquals(JsonArray.ofInts(0), layers.get(1).asObject().get("inputs"));
        assertEquals(JsonArray.ofInts(1, -1), layers.get(2).asObject().get("inputs"));
        assertTrue(layers.get(3).asObject().get("inputs") == null, "an unnamed node reading the one before it");
    }
}
