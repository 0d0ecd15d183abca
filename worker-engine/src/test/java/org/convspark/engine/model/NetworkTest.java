package org.convspark.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.spec.ActivationSpec.Kind;
import org.convspark.engine.spec.ActivationSpec;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.DropoutSpec;
import org.convspark.engine.spec.FlattenSpec;
import org.convspark.engine.spec.LinearSpec;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

class NetworkTest {
    /**
     * A smaller step than {@link FiniteDifferences#forFloat()}: with h = 1e-2 a first-layer weight moves
     * later leaky-relu inputs across their kink in a few samples, which bends the difference quotient.
     */
    private static final FiniteDifferences NETWORK_CHECK = new FiniteDifferences(1e-3, 1e-3, 1e-2, 400);

    /** 1x3x4 input, flatten, 12 -> 10 tanh, dropout, 10 -> 8 leaky relu, 8 -> 4 classes. */
    static ModelSpec mlp(double dropout) {
        return new ModelSpec("mlp", Shape.of(1, 3, 4), List.of(new FlattenSpec(), new LinearSpec(10, true),
                ActivationSpec.of(Kind.TANH), new DropoutSpec(dropout), new LinearSpec(8, false),
                new ActivationSpec(Kind.LEAKYRELU, 0.1), new LinearSpec(4, true)));
    }

    static float[] images(int count, int size, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[count * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    static int[] labels(int count, int classes, long seed) {
        return new Random(seed).ints(count, 0, classes).toArray();
    }

    /**
     * The parameter gradient of one training batch against central differences of the same
     * batch's training loss ({@code seed} and {@code firstSample} fix the dropout masks), on
     * {@code checkSeed}'s choice of entries.
     */
    static void checkTrainingGradient(String what, Network net, float[] params, float[] x, int[] y, int n, long seed,
                                      long firstSample, long checkSeed) {
        float[] grad = new float[params.length];
        net.trainBatch(params, x, 0, y, 0, n, grad, seed, firstSample);
        float[] scratch = new float[params.length];
        NETWORK_CHECK.check(what, params, params.length, grad,
                () -> net.trainBatch(params, x, 0, y, 0, n, scratch, seed, firstSample).lossSum(), checkSeed);
    }

    /**
     * Network pools before a ReLU that the spec puts first (see {@code Network.poolBeforeRelu}):
     * loss and gradients equal, bit for bit, the layers run in the spec's order, on inputs full
     * of ties, zeros and a -0 (a NaN would make every gradient NaN and the comparison blind), with
     * pooling windows that overlap and that leave the last row and column out.
     */
    @Test
    void poolingBeforeReluIsExact() {
        for (int stride : new int[] {2, 1, 3}) {
            ModelSpec spec = new ModelSpec("swap", Shape.of(2, 6, 6), List.of(
                    new ConvSpec(3, org.convspark.engine.geometry.ConvGeometry.builder(1, 1).build(), true),
                    ActivationSpec.of(Kind.RELU),
                    new MaxPoolSpec(org.convspark.engine.geometry.ConvGeometry.builder(2, 2).stride(stride, stride)
                            .build()),
                    new FlattenSpec(), new LinearSpec(3, true)));
            Network net = new Network(spec);
            float[] params = net.initialParameters(4);
            int n = 5;
            Random rng = new Random(stride);
            float[] x = new float[n * 72];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(3) - 1;
            }
            x[7] = -0f;
            int[] labels = labels(n, 3, 2);
            float[] grads = new float[params.length];
            BatchResult r = net.trainBatch(params, x, 0, labels, 0, n, grads, 1, 0);

            // The same layers, in the spec's order.
            org.convspark.engine.layers.Layer[] layers = new org.convspark.engine.layers.Layer[spec.layers().size()];
            int[] offsets = new int[layers.length];
            for (int i = 0, offset = 0; i < layers.length; i++) {
                layers[i] = LayerFactory.create(spec.layers().get(i), spec.inputShape(i));
                offsets[i] = offset;
                offset += layers[i].parameterCount();
            }
            org.convspark.engine.tensor.Tensor t = new org.convspark.engine.tensor.Tensor(x, spec.input().prepend(n));
            for (int i = 0; i < layers.length; i++) {
                t = layers[i].forward(t, params, offsets[i], true);
            }
            org.convspark.engine.layers.SoftmaxCrossEntropy loss = new org.convspark.engine.layers.SoftmaxCrossEntropy(3);
            BatchResult expected = loss.lossAndGradient(t, labels, 0);
            org.convspark.engine.tensor.Tensor g = loss.gradient();
            float[] expectedGrads = new float[params.length];
            for (int i = layers.length - 1; i >= 0; i--) {
                g = layers[i].backward(g, params, offsets[i], expectedGrads);
            }
            assertEquals(expected.lossSum(), r.lossSum(), "stride " + stride);
            assertArrayEquals(expectedGrads, grads, "stride " + stride);
        }
    }

    @Test
    void layersOwnConsecutiveParameterRanges() {
        Network net = new Network(mlp(0.5));
        assertEquals(12 * 10 + 10 + 10 * 8 + 8 * 4 + 4, net.parameterCount());
        assertEquals(mlp(0.5).parameterCount(), net.parameterCount());
        assertEquals(4, net.numClasses());
        // Only Linear-owned entries are non-zero after initialisation, and each range has its own bound.
        float[] p = net.initialParameters(1);
        double firstBound = 1 / Math.sqrt(12);
        double lastBound = 1 / Math.sqrt(8);
        for (int i = 0; i < 130; i++) {
            assertTrue(Math.abs(p[i]) <= firstBound);
        }
        double lastMax = 0;
        for (int i = 210; i < p.length; i++) {
            lastMax = Math.max(lastMax, Math.abs(p[i]));
        }
        assertTrue(lastMax > firstBound && lastMax <= lastBound, "last layer max " + lastMax);
    }

    @Test
    void initialParametersAreDeterministicFromTheSeed() {
        Network net = new Network(mlp(0));
        assertArrayEquals(net.initialParameters(5), new Network(mlp(0)).initialParameters(5));
        assertFalse(Arrays.equals(net.initialParameters(5), net.initialParameters(6)));
    }

    @Test
    void linearNetGradientMatchesFiniteDifferences() {
        Network net = new Network(mlp(0));
        float[] params = net.initialParameters(2);
        int n = 6;
        float[] x = images(n, 12, 3);
        int[] y = labels(n, 4, 4);
        float[] grad = new float[net.parameterCount()];
        net.trainBatch(params, x, 0, y, 0, n, grad, 0, 0);
        NETWORK_CHECK.check("mlp parameters", params, params.length, grad,
                () -> net.evaluate(params, x, 0, y, 0, n).lossSum(), 5);
    }

    @Test
    void gradientWithDropoutMatchesFiniteDifferencesUnderTheSameMasks() {
        Network net = new Network(mlp(0.3));
        float[] params = net.initialParameters(2);
        int n = 5;
        float[] x = images(n, 12, 3);
        int[] y = labels(n, 4, 4);
        checkTrainingGradient("mlp+dropout parameters", net, params, x, y, n, 77, 1000, 6);
    }

    @Test
    void aBatchEqualsTheSumOfItsTwoHalvesIncludingDropout() {
        Network net = new Network(mlp(0.5));
        float[] params = net.initialParameters(3);
        int n = 11;
        float[] x = images(n, 12, 4);
        int[] y = labels(n, 4, 5);
        float[] whole = new float[net.parameterCount()];
        BatchResult all = net.trainBatch(params, x, 0, y, 0, n, whole, 9, 500);
        float[] halves = new float[net.parameterCount()];
        Network other = new Network(mlp(0.5));
        BatchResult first = other.trainBatch(params, x, 0, y, 0, 4, halves, 9, 500);
        BatchResult second = net.trainBatch(params, x, 4 * 12, y, 4, n - 4, halves, 9, 504);
        BatchResult sum = first.plus(second);
        assertEquals(all.lossSum(), sum.lossSum(), 1e-9 * Math.abs(all.lossSum()) + 1e-6);
        assertEquals(all.correct(), sum.correct());
        assertEquals(n, sum.count());
        assertClose(whole, halves, 1e-5);
        float[] shifted = new float[net.parameterCount()];
        net.trainBatch(params, x, 0, y, 0, n, shifted, 9, 501);
        assertFalse(Arrays.equals(whole, shifted), "other sample indices draw other dropout masks");
    }

    /**
     * What {@link GradientReady} is told final is final: a snapshot of the suffix at each call equals
     * the finished gradient's, calls never move up, the last says everything; with and without
     * chunks (only the last chunk's backward may announce anything).
     */
    @Test
    void theGradientAnnouncedFinalDoesNotChangeAgain() {
        ModelSpec spec = mlp(0.5);
        for (Network net : List.of(new Network(spec), new Network(spec, 160))) {
            float[] params = net.initialParameters(4);
            int n = 9;
            float[] x = images(n, 12, 6);
            int[] y = labels(n, 4, 7);
            float[] g = new float[net.parameterCount()];
            List<Integer> froms = new ArrayList<>();
            List<float[]> snapshots = new ArrayList<>();
            net.trainBatch(params, x, 0, y, 0, n, g, 3, 0, from -> {
                froms.add(from);
                snapshots.add(Arrays.copyOfRange(g, from, g.length));
            });
            assertEquals(0, froms.get(froms.size() - 1), "the last call says all of it is final");
            for (int k = 0; k < froms.size(); k++) {
                assertTrue(k == 0 || froms.get(k) <= froms.get(k - 1), "calls only move down: " + froms);
                assertArrayEquals(Arrays.copyOfRange(g, froms.get(k), g.length), snapshots.get(k),
                        "the suffix from " + froms.get(k) + " changed after it was announced");
            }
            assertTrue(froms.get(0) > 0, "the last layer is announced before backward ends: " + froms);
            int[] offsets = net.parameterOffsets();
            assertTrue(froms.contains(offsets[offsets.length - 1]), "the last layer's start is announced: " + froms);
        }
    }

    @Test
    void chunkingDoesNotChangeTheResultBeyondRounding() {
        ModelSpec spec = mlp(0.5);
        Network whole = new Network(spec);
        // 12 + 12 + 10 + 10 + 10 + 8 + 8 + 4 = 74 activation floats per sample: chunks of 2 samples.
        Network chunked = new Network(spec, 160);
        float[] params = whole.initialParameters(4);
        int n = 9;
        float[] x = images(n + 1, 12, 6);
        int[] y = labels(n + 1, 4, 7);
        float[] g1 = new float[whole.parameterCount()];
        float[] g2 = new float[whole.parameterCount()];
        BatchResult r1 = whole.trainBatch(params, x, 12, y, 1, n, g1, 3, 0);
        BatchResult r2 = chunked.trainBatch(params, x, 12, y, 1, n, g2, 3, 0);
        assertEquals(r1.lossSum(), r2.lossSum(), 1e-6 * Math.abs(r1.lossSum()));
        assertEquals(r1.correct(), r2.correct());
        assertClose(g1, g2, 1e-5);
        BatchResult e1 = whole.evaluate(params, x, 12, y, 1, n);
        BatchResult e2 = chunked.evaluate(params, x, 12, y, 1, n);
        assertEquals(e1.lossSum(), e2.lossSum(), 1e-6 * Math.abs(e1.lossSum()));
        float[] p1 = new float[n * 4];
        float[] p2 = new float[n * 4];
        whole.predictProbabilities(params, x, 12, n, p1, 0);
        chunked.predictProbabilities(params, x, 12, n, p2, 0);
        assertClose(p1, p2, 1e-6);
        float[] z1 = new float[n * 4 + 3];
        float[] z2 = new float[n * 4 + 3];
        whole.predictLogits(params, x, 12, n, z1, 3);
        chunked.predictLogits(params, x, 12, n, z2, 3);
        assertClose(z1, z2, 1e-6);
    }

    @Test
    void logitsAreTheScoresWhoseSoftmaxIsTheProbabilities() {
        Network net = new Network(mlp(0.5));
        float[] params = net.initialParameters(5);
        int n = 6;
        float[] x = images(n, 12, 11);
        float[] p = new float[n * 4];
        float[] z = new float[n * 4];
        net.predictProbabilities(params, x, 0, n, p, 0);
        net.predictLogits(params, x, 0, n, z, 0);
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                sum += Math.exp(z[j * 4 + c]);
            }
            for (int c = 0; c < 4; c++) {
                assertEquals(p[j * 4 + c], Math.exp(z[j * 4 + c]) / sum, 1e-6);
            }
        }
        assertMessage("out needs", () -> net.predictLogits(params, x, 0, 2, new float[7], 0));
    }

    @Test
    void trainBatchAddsToTheGradientItIsGiven() {
        Network net = new Network(mlp(0));
        float[] params = net.initialParameters(1);
        float[] x = images(3, 12, 2);
        int[] y = labels(3, 4, 3);
        float[] once = new float[net.parameterCount()];
        net.trainBatch(params, x, 0, y, 0, 3, once, 0, 0);
        float[] twice = once.clone();
        net.trainBatch(params, x, 0, y, 0, 3, twice, 0, 0);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-6);
        }
    }

    @Test
    void evaluationIgnoresDropoutAndProbabilitiesAgreeWithTheLoss() {
        Network net = new Network(mlp(0.5));
        Network plain = new Network(mlp(0));
        float[] params = net.initialParameters(8);
        int n = 7;
        float[] x = images(n, 12, 9);
        int[] y = labels(n, 4, 10);
        BatchResult r = net.evaluate(params, x, 0, y, 0, n);
        BatchResult noDropout = plain.trainBatch(params, x, 0, y, 0, n, new float[params.length], 0, 0);
        assertEquals(noDropout.lossSum(), r.lossSum(), 1e-5);
        float[] p = new float[n * 4];
        net.predictProbabilities(params, x, 0, n, p, 0);
        double nll = 0;
        long correct = 0;
        for (int j = 0; j < n; j++) {
            nll -= Math.log(p[j * 4 + y[j]]);
            int best = 0;
            for (int c = 1; c < 4; c++) {
                best = p[j * 4 + c] > p[j * 4 + best] ? c : best;
            }
            correct += best == y[j] ? 1 : 0;
        }
        assertEquals(r.lossSum(), nll, 1e-4);
        assertEquals(r.correct(), correct);
    }

    @Test
    void badArgumentsAreRejectedWithWhatIsWrong() {
        Network net = new Network(mlp(0));
        float[] params = net.initialParameters(1);
        float[] grad = new float[params.length];
        float[] x = images(2, 12, 1);
        assertMessage("params has length 3", () -> net.evaluate(new float[3], x, 0, new int[2], 0, 2));
        assertMessage("label 4 at index 1", () -> net.trainBatch(params, x, 0, new int[] {0, 4}, 0, 2, grad, 0, 0));
        assertMessage("label -1", () -> net.evaluate(params, x, 0, new int[] {-1, 0}, 0, 2));
        assertMessage("images needs elements [12, 36)", () -> net.evaluate(params, x, 12, new int[2], 0, 2));
        assertMessage("labels needs", () -> net.evaluate(params, x, 0, new int[1], 0, 2));
        assertMessage("gradSum has length 2", () -> net.trainBatch(params, x, 0, new int[2], 0, 2, new float[2], 0, 0));
        assertMessage("count must be >= 0", () -> net.evaluate(params, x, 0, new int[2], 0, -1));
        assertMessage("out needs", () -> net.predictProbabilities(params, x, 0, 2, new float[7], 0));
        assertMessage("must end in a flat vector", () -> new Network(new ModelSpec("conv-out", Shape.of(2, 3),
                List.of(ActivationSpec.of(Kind.RELU)))));
    }

    @Test
    void aBatchOfNothingIsZero() {
        Network net = new Network(mlp(0));
        float[] grad = new float[net.parameterCount()];
        assertEquals(BatchResult.ZERO, net.trainBatch(net.initialParameters(1), new float[0], 0, new int[0], 0, 0,
                grad, 0, 0));
        assertArrayEquals(new float[grad.length], grad);
    }

    private static void assertMessage(String fragment, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in: " + e.getMessage());
    }

    static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * (1 + scale), "index " + i);
        }
    }
}
