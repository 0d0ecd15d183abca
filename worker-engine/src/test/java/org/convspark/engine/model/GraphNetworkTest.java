package org.convspark.engine.model;

import static org.convspark.engine.model.NetworkTest.images;
import static org.convspark.engine.model.NetworkTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecException;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Model graphs: nodes named and read out of order, {@code add} and {@code concat}, the spec's
 * round trip, gradients through merges by finite differences, and one line naming the node for
 * every way a graph can be wrong.
 */
class GraphNetworkTest {
    /** A residual block with a 1x1 projection shortcut, then a concat of two branches. */
    static final String RESIDUAL = """
            {"name": "residual", "input": [2, 6, 6], "layers": [
              {"name": "stem", "type": "conv", "out_channels": 3, "kernel": 3, "padding": 1},
              {"name": "b.conv1", "type": "conv", "out_channels": 4, "kernel": 3, "stride": 2, "padding": 1},
              {"type": "tanh"},
              {"name": "b.conv2", "type": "conv", "out_channels": 4, "kernel": 3, "padding": 1},
              {"name": "b.shortcut", "type": "conv", "out_channels": 4, "kernel": 1, "stride": 2, "inputs": "stem"},
              {"name": "b.add", "type": "add", "inputs": ["b.conv2", "b.shortcut"]},
              {"name": "left", "type": "leakyrelu"},
              {"name": "right", "type": "conv", "out_channels": 2, "kernel": 1, "inputs": "b.add"},
              {"name": "cat", "type": "concat", "inputs": ["left", "right", "input2"]},
              {"type": "globalavgpool"},
              {"type": "linear", "out_features": 3}]}""";

    private static ModelSpec residual() {
        return ModelSpecJson.parse(RESIDUAL.replace("\"input2\"", "\"b.add\""), "residual.json");
    }

    @Test
    void shapesFollowTheGraphAndTheSpecRoundTrips() {
        ModelSpec spec = residual();
        assertEquals(Shape.of(4, 3, 3), spec.outputShape(5));
        assertEquals(Shape.of(10, 3, 3), spec.outputShape(8));
        assertArrayEquals(new int[] {0}, spec.inputs(4));
        assertArrayEquals(new int[] {6, 7, 5}, spec.inputs(8));
        assertEquals("b.add", spec.nodeName(5));
        assertTrue(!spec.isChain() && spec.hasNames());
        String json = ModelSpecJson.toJson(spec);
        assertEquals(spec, ModelSpecJson.parse(json, "again"));
        assertTrue(json.contains("\"inputs\": [\"b.conv2\", \"b.shortcut\"]") || json.contains("\"inputs\":"), json);
    }

    @Test
    void gradientsThroughAddAndConcatMatchFiniteDifferences() {
        Network net = new Network(residual());
        float[] params = net.initialParameters(3);
        int n = 3;
        float[] x = images(n, 72, 4);
        int[] y = labels(n, 3, 5);
        NetworkTest.checkTrainingGradient("residual graph parameters", net, params, x, y, n, 5, 0, 9);
    }

    @Test
    void aChainWrittenAsAGraphIsTheChain() {
        String chain = "{\"name\": \"c\", \"input\": [1, 5, 5], \"layers\": [{\"type\": \"conv\", \"out_channels\": 2, "
                + "\"kernel\": 3}, {\"type\": \"relu\"}, {\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}";
        String graph = "{\"name\": \"c\", \"input\": [1, 5, 5], \"layers\": [{\"name\": \"a\", \"type\": \"conv\", "
                + "\"out_channels\": 2, \"kernel\": 3, \"inputs\": \"input\"}, {\"name\": \"b\", \"type\": \"relu\", "
                + "\"inputs\": [\"a\"]}, {\"type\": \"flatten\", \"inputs\": \"b\"}, {\"type\": \"linear\", \"out_features\": 2}]}";
        ModelSpec a = ModelSpecJson.parse(chain, "c.json");
        ModelSpec b = ModelSpecJson.parse(graph, "g.json");
        assertTrue(a.isChain() && b.isChain());
        Network na = new Network(a);
        Network nb = new Network(b);
        float[] params = na.initialParameters(1);
        float[] x = images(4, 25, 2);
        int[] y = labels(4, 2, 3);
        float[] ga = new float[params.length];
        float[] gb = new float[params.length];
        na.trainBatch(params, x, 0, y, 0, 4, ga, 1, 0);
        nb.trainBatch(params, x, 0, y, 0, 4, gb, 1, 0);
        assertArrayEquals(ga, gb, 0f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "add of mismatched shapes|{\"name\": \"x\", \"type\": \"add\", \"inputs\": [\"stem\", \"c2\"]}|"
                + "layer 2 (add, node \"x\"): add needs inputs of one shape, got 3x6x6 and 4x3x3",
        "a cycle|{\"name\": \"x\", \"type\": \"add\", \"inputs\": [\"stem\", \"y\"]}, {\"name\": \"y\", \"type\": \"relu\", "
                + "\"inputs\": \"x\"}|layer 2 (add, node \"x\"), field \"inputs\": input \"y\" makes a cycle: \"x\" -> \"y\" -> \"x\"",
        "a dangling input|{\"name\": \"x\", \"type\": \"relu\", \"inputs\": \"stme\"}|"
                + "layer 2 (relu, node \"x\"), field \"inputs\": input \"stme\" names no node (did you mean \"stem\"?)",
        "a node used before it is defined|{\"name\": \"x\", \"type\": \"relu\", \"inputs\": \"z\"}, {\"name\": \"z\", "
                + "\"type\": \"relu\", \"inputs\": \"stem\"}|layer 2 (relu, node \"x\"), field \"inputs\": input \"z\" is layer 3, "
                + "defined after this one",
        "duplicate names|{\"name\": \"stem\", \"type\": \"relu\"}|layer 2 (relu, node \"stem\"), field \"name\": layer 0 has "
                + "the name \"stem\" already",
        "a node nobody reads|{\"name\": \"x\", \"type\": \"relu\", \"inputs\": \"stem\"}, {\"type\": \"relu\", \"inputs\": \"c2\"}|"
                + "layer 2 (relu, node \"x\"): no node reads this node's output",
        "a merge of one input|{\"name\": \"x\", \"type\": \"add\", \"inputs\": \"c2\"}|"
                + "layer 2 (add, node \"x\"): add needs 2 or more inputs"})
    void aBadGraphIsOneLineNamingTheNode(String what, String nodes, String expected) {
        String json = "{\"name\": \"g\", \"input\": [1, 6, 6], \"layers\": [{\"name\": \"stem\", \"type\": \"conv\", "
                + "\"out_channels\": 3, \"kernel\": 3, \"padding\": 1}, {\"name\": \"c2\", \"type\": \"conv\", \"out_channels\": 4, "
                + "\"kernel\": 3, \"stride\": 2, \"padding\": 1}, " + nodes + ", {\"type\": \"flatten\"}, {\"type\": \"linear\", "
                + "\"out_features\": 2}]}";
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecJson.parse(json, "g.json"), what);
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("g.json:1:"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
