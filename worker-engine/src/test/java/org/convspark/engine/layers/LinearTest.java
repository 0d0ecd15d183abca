package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convspark.engine.spec.LinearSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearTest {
    private static float[] random(int n, long seed) {
        Random rng = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void forwardEqualsNaiveLoopsOverPyTorchLayout(boolean bias) {
        int n = 4;
        int in = 7;
        int out = 3;
        Linear layer = new Linear(new LinearSpec(out, bias), Shape.of(in));
        assertEquals(out * in + (bias ? out : 0), layer.parameterCount());
        int offset = 5;
        float[] params = random(offset + layer.parameterCount(), 1);
        float[] x = random(n * in, 2);
        float[] y = layer.forward(new Tensor(x, Shape.of(n, in)), params, offset, false).toArray();
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double expected = bias ? params[offset + out * in + o] : 0;
                for (int i = 0; i < in; i++) {
                    expected += (double) x[r * in + i] * params[offset + o * in + i];
                }
                assertEquals(expected, y[r * out + o], 1e-5);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientMatchesFiniteDifferences(boolean bias) {
        GradientCheck.of(new Linear(new LinearSpec(5, bias), Shape.of(6))).check(3, 9);
    }

    @Test
    void backwardAccumulatesIntoItsOwnRangeOnly() {
        Linear layer = new Linear(new LinearSpec(2, true), Shape.of(3));
        float[] params = random(2 + layer.parameterCount() + 2, 5);
        float[] x = random(4 * 3, 6);
        float[] dy = random(4 * 2, 7);
        float[] once = new float[params.length];
        layer.forward(new Tensor(x, Shape.of(4, 3)), params, 2, true);
        layer.backward(new Tensor(dy, Shape.of(4, 2)), params, 2, once);
        float[] twice = once.clone();
        layer.backward(new Tensor(dy, Shape.of(4, 2)), params, 2, twice);
        for (int i = 0; i < params.length; i++) {
            boolean owned = i >= 2 && i < 2 + layer.parameterCount();
            assertEquals(owned ? 2 * once[i] : 0f, twice[i], 1e-6, "index " + i);
        }
    }

    @Test
    void initialisationIsPyTorchsUniformBound() {
        int in = 50;
        Linear layer = new Linear(new LinearSpec(40, true), Shape.of(in));
        float[] params = new float[layer.parameterCount()];
        layer.initialize(params, 0, new Random(8));
        double bound = 1 / Math.sqrt(in);
        double max = 0;
        double sumSquares = 0;
        for (float p : params) {
            max = Math.max(max, Math.abs(p));
            sumSquares += p * p;
        }
        assertTrue(max <= bound && max > 0.95 * bound, "max |p| " + max + ", bound " + bound);
        // U(-b, b) has variance b^2 / 3.
        assertEquals(bound * bound / 3, sumSquares / params.length, 0.1 * bound * bound / 3);
    }

    @Test
    void wrongInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Linear(new LinearSpec(2, true), Shape.of(3, 4)));
        Linear layer = new Linear(new LinearSpec(2, true), Shape.of(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(Shape.of(2, 4)), new float[8], 0, false));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("2x4"), e.getMessage());
    }
}
