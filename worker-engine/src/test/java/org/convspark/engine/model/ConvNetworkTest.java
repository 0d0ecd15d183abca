package org.convspark.engine.model;

import static org.convspark.engine.model.NetworkTest.assertClose;
import static org.convspark.engine.model.NetworkTest.images;
import static org.convspark.engine.model.NetworkTest.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.junit.jupiter.api.Test;

/** The network with convolution and pooling layers: gradients, batch splitting, the zoo. */
class ConvNetworkTest {
    /** Every layer type the engine has, on a 2x6x6 input. */
    static final String TINY = "{\"name\": \"tiny\", \"input\": [2, 6, 6], \"layers\": ["
            + "{\"type\": \"conv\", \"out_channels\": 3, \"kernel\": 3, \"padding\": 1, \"padding_mode\": \"reflect\"},"
            + "{\"type\": \"tanh\"},"
            + "{\"type\": \"maxpool\", \"kernel\": 2},"
            + "{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 2, \"groups\": 1},"
            + "{\"type\": \"sigmoid\"},"
            + "{\"type\": \"avgpool\", \"kernel\": 2, \"stride\": 1},"
            + "{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 1, \"groups\": 2, \"bias\": false},"
            + "{\"type\": \"leakyrelu\", \"slope\": 0.1},"
            + "{\"type\": \"globalavgpool\"},"
            + "{\"type\": \"flatten\"},"
            + "{\"type\": \"dropout\", \"p\": 0.25},"
            + "{\"type\": \"linear\", \"out_features\": 3}]}";

    private static ModelSpec tiny() {
        return ModelSpecJson.parse(TINY, "tiny.json");
    }

    @Test
    void tinyConvNetGradientMatchesFiniteDifferences() {
        Network net = new Network(tiny());
        float[] params = net.initialParameters(1);
        int n = 3;
        float[] x = images(n, 72, 2);
        int[] y = labels(n, 3, 3);
        // h = 1e-3: a smaller step keeps max-pool and leaky-relu inputs on one side of their kinks.
        NetworkTest.checkTrainingGradient("tiny conv net parameters", net, params, x, y, n, 5, 40, 7);
    }

    /**
     * Backward stops at the first layer with parameters, which computes no input gradient: a
     * network that starts with parameter-free layers before its first convolution still gets
     * every parameter gradient right.
     */
    @Test
    void aNetworkStartingWithoutParametersGetsItsGradientsWithoutInputGradients() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"pool first\", \"input\": [1, 8, 8], \"layers\": ["
                + "{\"type\": \"maxpool\", \"kernel\": 2},"
                + "{\"type\": \"tanh\"},"
                + "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": 3, \"padding\": 1},"
                + "{\"type\": \"flatten\"},"
                + "{\"type\": \"linear\", \"out_features\": 3}]}", "pool-first.json");
        Network net = new Network(spec);
        float[] params = net.initialParameters(3);
        int n = 4;
        float[] x = images(n, 64, 5);
        int[] y = labels(n, 3, 6);
        NetworkTest.checkTrainingGradient("pool-first net parameters", net, params, x, y, n, 1, 0, 7);
    }

    @Test
    void aConvBatchEqualsTheSumOfItsTwoHalves() {
        Network net = new Network(tiny());
        float[] params = net.initialParameters(2);
        int n = 9;
        float[] x = images(n, 72, 3);
        int[] y = labels(n, 3, 4);
        float[] whole = new float[params.length];
        BatchResult all = net.trainBatch(params, x, 0, y, 0, n, whole, 6, 100);
        float[] halves = new float[params.length];
        BatchResult first = net.trainBatch(params, x, 0, y, 0, 5, halves, 6, 100);
        BatchResult second = new Network(tiny()).trainBatch(params, x, 5 * 72, y, 5, 4, halves, 6, 105);
        assertEquals(all.lossSum(), first.plus(second).lossSum(), 1e-5 * all.lossSum());
        assertEquals(all.correct(), first.plus(second).correct());
        assertClose(whole, halves, 1e-5);
    }

    @Test
    void lenet5FromTheZooHasItsPublishedParameterCount() {
        Network net = new Network(ModelZoo.get("lenet5"));
        assertEquals(61_706, net.parameterCount());
        assertEquals(10, net.numClasses());
        float[] params = net.initialParameters(3);
        float[] x = images(4, 784, 4);
        int[] y = labels(4, 10, 5);
        BatchResult r = net.evaluate(params, x, 0, y, 0, 4);
        // A freshly initialised net is close to uniform over 10 classes: loss near ln 10 per sample.
        assertEquals(Math.log(10), r.meanLoss(), 0.3);
    }
}
