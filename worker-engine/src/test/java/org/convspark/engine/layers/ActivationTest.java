package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convspark.engine.spec.ActivationSpec;
import org.convspark.engine.spec.ActivationSpec.Kind;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {
    private static final float[] X = {-2f, -0.5f, 0f, 0.5f, 3f, 40f, -40f};

    private static float[] forward(ActivationSpec spec) {
        Activation a = new Activation(spec, Shape.of(X.length));
        return a.forward(new Tensor(X.clone(), Shape.of(1, X.length)), new float[0], 0, true).toArray();
    }

    @Test
    void reluZeroesNegatives() {
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 3, 40, 0}, forward(ActivationSpec.of(Kind.RELU)));
    }

    @Test
    void leakyReluScalesNegativesBySlope() {
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0, 0.5f, 3, 40, -4f},
                forward(new ActivationSpec(Kind.LEAKYRELU, 0.1)), 1e-7f);
    }

    @Test
    void tanhAndSigmoidMatchTheirFormulasWithoutOverflow() {
        float[] tanh = forward(ActivationSpec.of(Kind.TANH));
        float[] sigmoid = forward(ActivationSpec.of(Kind.SIGMOID));
        for (int i = 0; i < X.length; i++) {
            assertEquals(Math.tanh(X[i]), tanh[i], 1e-7);
            assertEquals(1 / (1 + Math.exp(-X[i])), sigmoid[i], 1e-7);
        }
        assertEquals(1f, sigmoid[5]);
        assertTrue(sigmoid[6] > 0 && sigmoid[6] < 1e-17);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void gradientMatchesFiniteDifferences(Kind kind) {
        Shape shape = Shape.of(3, 4, 5);
        Activation layer = new Activation(new ActivationSpec(kind, kind == Kind.LEAKYRELU ? 0.2 : 0), shape);
        float[] x = new float[2 * shape.size()];
        Random rng = new Random(7);
        for (int i = 0; i < x.length; i++) {
            // Keep clear of the kink at 0, where finite differences of relu are meaningless.
            double magnitude = 0.05 + 1.5 * rng.nextDouble();
            x[i] = (float) (rng.nextBoolean() ? magnitude : -magnitude);
        }
        GradientCheck.of(layer).training(true).check(new Tensor(x, shape.prepend(2)), new float[0], 11);
    }

    @Test
    void reluKinksFollowPyTorchAtZeroSignedZeroAndDenormals() {
        float tiny = Float.MIN_VALUE;
        float[] x = {0f, -0f, tiny, -tiny, 2f, -2f};
        float[] g = {3f, 3f, 3f, 3f, 3f, 3f};
        assertArrayEquals(new float[] {0, 0, 3, 0, 3, 0}, backward(ActivationSpec.of(Kind.RELU), x, g));
        assertArrayEquals(new float[] {0.3f, 0.3f, 3, 0.3f, 3, 0.3f},
                backward(new ActivationSpec(Kind.LEAKYRELU, 0.1), x, g));
        Activation leaky = new Activation(new ActivationSpec(Kind.LEAKYRELU, 0.1), Shape.of(6));
        float[] y = leaky.forward(new Tensor(x, Shape.of(1, 6)), new float[0], 0, true).toArray();
        // 0.1 * -tiny underflows to a zero; its sign does not matter (delta 0 treats -0 as 0).
        assertArrayEquals(new float[] {0, 0, tiny, 0, 2, -0.2f}, y, 0f);
    }

    private static float[] backward(ActivationSpec spec, float[] x, float[] g) {
        Activation a = new Activation(spec, Shape.of(x.length));
        a.forward(new Tensor(x, Shape.of(1, x.length)), new float[0], 0, true);
        return a.backward(new Tensor(g, Shape.of(1, x.length)), new float[0], 0, new float[0]).toArray();
    }

    @Test
    void neverWritesIntoItsInput() {
        Activation layer = new Activation(ActivationSpec.of(Kind.RELU), Shape.of(X.length));
        float[] x = X.clone();
        Tensor input = new Tensor(x, Shape.of(1, X.length));
        layer.forward(input, new float[0], 0, true);
        layer.backward(new Tensor(new float[X.length], Shape.of(1, X.length)), new float[0], 0, new float[0]);
        assertArrayEquals(X, x);
    }

    @Test
    void wrongInputShapeIsRejectedWithBothShapes() {
        Activation layer = new Activation(ActivationSpec.of(Kind.TANH), Shape.of(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(Shape.of(4, 3, 2)), new float[0], 0, false));
        assertTrue(e.getMessage().contains("tanh") && e.getMessage().contains("2x3")
                && e.getMessage().contains("4x3x2"), e.getMessage());
    }
}
