package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.convspark.engine.model.Network;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecException;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.GradientCheck;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch norm: PyTorch's figures in both modes are golden cases ({@code batchnorm*}); here its
 * gradients by finite differences, the statistics summed over the parts of a split batch, and a
 * part without samples taking part in the sums.
 */
class BatchNormTest {
    private static final BatchNormSpec DEFAULT = new BatchNormSpec(1e-5, 0.1, true);

    @ParameterizedTest
    @ValueSource(strings = {"3,5", "2,3,4", "2,2,3,2", "6"})
    void trainingGradientsMatchFiniteDifferences(String dims) {
        Shape shape = Shape.of(Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray());
        BatchNorm bn = new BatchNorm(DEFAULT, shape);
        // The normalized output is scale-free in x, so the loss is curved: a small step and a looser bound.
        GradientCheck.of(bn).training(true).trainable(2 * shape.dim(0)).eps(1e-3).tolerance(2e-3, 2e-3)
                .check(4, dims.hashCode());
    }

    /**
     * A fused ReLU gives bit for bit what batch norm followed by ReLU gives, in training and
     * evaluation, with and without affine: outputs, input gradients and parameter gradients
     * (planes of 37 values: vector lanes and a scalar tail).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFusedReluIsExactlyBatchNormThenRelu(boolean affine) {
        Shape shape = Shape.of(3, 37);
        BatchNormSpec spec = new BatchNormSpec(1e-5, 0.1, affine);
        Random rng = new Random(affine ? 11 : 12);
        for (boolean training : new boolean[] {true, false}) {
            int batch = 4;
            float[] x = TestArrays.uniform(rng, batch * shape.size());
            float[] dy = TestArrays.uniform(rng, batch * shape.size());
            BatchNorm plain = new BatchNorm(spec, shape);
            float[] params = new float[plain.parameterCount()];
            plain.initialize(params, 0, rng);
            for (int i = 0; i < (affine ? 2 * shape.dim(0) : 0); i++) {
                params[i] = (float) rng.nextGaussian(); // scales and shifts of both signs
            }
            Activation relu = new Activation(new org.convspark.engine.spec.ActivationSpec(
                    org.convspark.engine.spec.ActivationSpec.Kind.RELU, 0), shape);
            BatchNorm fused = new BatchNorm(spec, shape);
            fused.fuseRelu();
            Tensor in = new Tensor(x, shape.prepend(batch));
            float[] expectedY = relu.forward(plain.forward(in, params, 0, training), params, 0, training).toArray();
            float[] y = fused.forward(in, params, 0, training).toArray();
            assertArrayEquals(expectedY, y, "output, training " + training);
            float[] expectedGrads = new float[params.length];
            float[] expectedDx = plain.backward(relu.backward(new Tensor(dy, shape.prepend(batch)), params, 0,
                    expectedGrads), params, 0, expectedGrads).toArray();
            float[] grads = new float[params.length];
            float[] dx = fused.backward(new Tensor(dy, shape.prepend(batch)), params, 0, grads).toArray();
            assertArrayEquals(expectedDx, dx, "input gradient, training " + training);
            assertArrayEquals(expectedGrads, grads, "parameter gradients, training " + training);
        }
    }

    @Test
    void evaluationGradientsMatchFiniteDifferencesWithoutAffine() {
        Shape shape = Shape.of(3, 4);
        BatchNorm bn = new BatchNorm(new BatchNormSpec(1e-3, 0.1, false), shape);
        float[] params = {0.5f, -1f, 2f, 0.25f, 1f, 3f}; // running mean, then positive running variances
        Tensor x = new Tensor(TestArrays.uniform(new Random(4), 2 * shape.size()), shape.prepend(2));
        GradientCheck.of(bn).trainable(0).check(x, params, 5);
    }

    @Test
    void aBatchSplitInTwoWithItsSumsSharedNormalizesAsTheWholeBatch() {
        Shape shape = Shape.of(2, 3);
        int batch = 5;
        Random rng = new Random(6);
        float[] x = TestArrays.uniform(rng, batch * shape.size());
        float[] dy = TestArrays.uniform(rng, batch * shape.size());
        float[] params = new float[8];
        new BatchNorm(DEFAULT, shape).initialize(params, 0, rng);
        params[0] = 1.5f;
        params[3] = -0.5f;
        BatchNorm whole = new BatchNorm(DEFAULT, shape);
        float[] y = whole.forward(new Tensor(x, shape.prepend(batch)), params, 0, true).toArray();
        float[] wholeGrads = new float[8];
        float[] dx = whole.backward(new Tensor(dy, shape.prepend(batch)), params, 0, wholeGrads).toArray();

        // Two parts (3 + 2 samples) run in lockstep on two threads, summing through a two-party exchange.
        TwoParts sums = new TwoParts();
        float[][] partGrads = new float[2][8];
        float[][] ys = new float[2][];
        float[][] dxs = new float[2][];
        int[] from = {0, 3};
        int[] count = {3, 2};
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int part = p;
            threads.add(new Thread(() -> {
                try {
                    BatchNorm bn = new BatchNorm(DEFAULT, shape);
                    bn.sync(sums.forPart(part));
                    int n = count[part] * shape.size();
                    int at = from[part] * shape.size();
                    ys[part] = bn.forward(new Tensor(Arrays.copyOfRange(x, at, at + n), shape.prepend(count[part])),
                            params, 0, true).toArray();
                    dxs[part] = bn.backward(new Tensor(Arrays.copyOfRange(dy, at, at + n),
                            shape.prepend(count[part])), params, 0, partGrads[part]).toArray();
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertArrayEquals(y, concat(ys[0], ys[1]), 1e-6f);
        assertArrayEquals(dx, concat(dxs[0], dxs[1]), 1e-6f);
        for (int i = 0; i < 8; i++) {
            assertEquals(wholeGrads[i], partGrads[0][i] + partGrads[1][i], 1e-5, "gradient entry " + i);
        }
    }

    @Test
    void aPartWithoutSamplesTakesPartInEveryStatisticsSum() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"bn\", \"input\": [1, 4, 4], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": 3}, {\"type\": \"batchnorm\"}, {\"type\": \"relu\"},"
                + "{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 3}, {\"type\": \"batchnorm\"},"
                + "{\"type\": \"linear\", \"out_features\": 2}]}", "bn.json");
        Network network = new Network(spec);
        float[] params = network.initialParameters(1);
        List<Integer> withSamples = new ArrayList<>();
        network.trainBatch(params, new float[2 * 16], 0, new int[] {0, 1}, 0, 2, new float[params.length], 1, 0,
                (values, length) -> withSamples.add(length), org.convspark.engine.model.GradientReady.NONE);
        List<Integer> without = new ArrayList<>();
        network.trainBatch(params, new float[0], 0, new int[0], 0, 0, new float[params.length], 1, 0,
                (values, length) -> {
                    without.add(length);
                    assertTrue(Arrays.stream(values, 0, length).allMatch(v -> v == 0), "a part without samples adds zeros");
                }, org.convspark.engine.model.GradientReady.NONE);
        // Forward: (count, sum, sum of squares) per layer; backward: (sum dy, sum dy x^) per layer, last first.
        assertEquals(List.of(5, 7, 6, 4), withSamples);
        assertEquals(withSamples, without);
    }

    @Test
    void theRunningStatisticsAreStateNotParameters() {
        ModelSpec spec = ModelSpecJson.parse("{\"input\": [3, 4], \"layers\": [{\"type\": \"batchnorm\", \"momentum\": "
                + "0.2, \"eps\": 0.001}, {\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}", "s.json");
        assertEquals(12 + 26, spec.parameterCount());
        assertEquals(6, spec.stateCount());
        assertEquals(spec, ModelSpecJson.parse(ModelSpecJson.toJson(spec), "again"));
        assertTrue(ModelSpecJson.toJson(spec).contains("0.2"), ModelSpecJson.toJson(spec));
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecJson.parse("{\"input\": [3, 4], "
                + "\"layers\": [{\"type\": \"batchnorm\", \"momentum\": 1.5}]}", "m.json"));
        assertTrue(e.getMessage().contains("momentum") && e.getMessage().contains("layer 0"), e.getMessage());
        float[] params = new Network(spec).initialParameters(3);
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1}, Arrays.copyOf(params, 12));
    }

    @Test
    void withoutAnInputGradientBackwardSharesNoSums() {
        BatchNorm bn = new BatchNorm(DEFAULT, Shape.of(2));
        List<Integer> calls = new ArrayList<>();
        bn.sync((values, length) -> calls.add(length));
        bn.setNeedsInputGradient(false);
        float[] params = new float[8];
        bn.initialize(params, 0, new Random(1));
        bn.forward(new Tensor(new float[] {1, 2, 3, 5}, Shape.of(2, 2)), params, 0, true);
        assertNull(bn.backward(new Tensor(new float[] {1, 0, 0, 1}, Shape.of(2, 2)), params, 0, new float[8]));
        assertEquals(List.of(5), calls);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Two parts' sums exchanged through a barrier: each gets part 0's values plus part 1's. */
    private static final class TwoParts {
        private final java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        private final double[][] parts = new double[2][];

        StatisticsSync forPart(int part) {
            return (values, length) -> {
                parts[part] = values.clone();
                await();
                for (int i = 0; i < length; i++) {
                    values[i] = parts[0][i] + parts[1][i];
                }
                await();
            };
        }

        private void await() {
            try {
                barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
