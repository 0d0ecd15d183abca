package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

/** Algebraic properties of the convolution: linearity, translation equivariance, adjoints. */
class ConvPropertiesTest {
    private static final int BATCH = 2;

    /** One bias-free conv per padding mode and dimension count, strided, dilated and grouped. */
    private static List<Conv> linearConvs() {
        List<Conv> convs = new java.util.ArrayList<>();
        for (PaddingMode mode : PaddingMode.INDEX_MAPS) {
            convs.add(new Conv(new ConvSpec(4, ConvGeometry.builder(3).stride(2).dilation(2).padding(2)
                    .groups(2).paddingMode(mode).build(), false), Shape.of(2, 11)));
            convs.add(new Conv(new ConvSpec(3, ConvGeometry.builder(3, 2).stride(1, 2).padding(1, 1)
                    .paddingMode(mode).build(), false), Shape.of(2, 6, 7)));
            convs.add(new Conv(new ConvSpec(2, ConvGeometry.builder(2, 2, 3).dilation(2, 1, 1).padding(Padding.SAME)
                    .groups(2).paddingMode(mode).build(), false), Shape.of(2, 4, 3, 5)));
        }
        return convs;
    }

    private static float[] forward(Conv conv, float[] x, float[] params) {
        return conv.forward(new Tensor(x, conv.inputShape().prepend(BATCH)), params, 0, true).toArray();
    }

    private static float[] axpy(float a, float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = a * x[i] + (y == null ? 0 : y[i]);
        }
        return out;
    }

    @Test
    void convolutionIsLinearInInputAndInWeights() {
        Random rng = new Random(11);
        for (Conv conv : linearConvs()) {
            int n = conv.inputShape().size() * BATCH;
            float[] w = TestArrays.uniform(rng, conv.parameterCount());
            float[] w2 = TestArrays.uniform(rng, conv.parameterCount());
            float[] x = TestArrays.uniform(rng, n);
            float[] x2 = TestArrays.uniform(rng, n);
            float[] y = forward(conv, x, w);
            String name = conv.inputShape() + " " + conv;

            TestArrays.assertClose(name + " homogeneity", axpy(2.5f, y, null), forward(conv, axpy(2.5f, x, null), w),
                    1e-5, 1e-5);
            TestArrays.assertClose(name + " additivity in the input", axpy(1, y, forward(conv, x2, w)),
                    forward(conv, axpy(1, x, x2), w), 1e-5, 1e-5);
            TestArrays.assertClose(name + " additivity in the weights", axpy(1, y, forward(conv, x, w2)),
                    forward(conv, x, axpy(1, w, w2)), 1e-5, 1e-5);
        }
    }

    /**
     * Shifting the input of a stride-1 circular "same" conv cyclically shifts its output by the
     * same amount. Small integer data makes every sum exact, so the comparison is bit for bit.
     */
    @Test
    void strideOneCircularConvolutionCommutesWithCyclicShifts() {
        Random rng = new Random(13);
        int[][] kernels = {{3}, {4}, {3, 2}, {2, 3, 3}};
        int[][] sizes = {{9}, {8}, {6, 7}, {4, 5, 3}};
        int[][] shifts = {{1}, {3}, {1, 2}, {1, 2, 1}};
        for (int c = 0; c < kernels.length; c++) {
            ConvGeometry g = ConvGeometry.builder(kernels[c]).dilation(c == 1 ? 2 : 1).padding(Padding.SAME)
                    .paddingMode(PaddingMode.CIRCULAR).build();
            Shape sample = Shape.of(ConvReferenceTest.prepend(2, sizes[c]));
            Conv conv = new Conv(new ConvSpec(3, g, true), sample);
            float[] w = TestArrays.integers(rng, conv.parameterCount(), 3);
            float[] x = TestArrays.integers(rng, sample.size() * BATCH, 3);
            float[] shiftedOutput = shift(forward(conv, x, w), conv.outputShape(), shifts[c]);
            float[] outputOfShifted = forward(conv, shift(x, sample, shifts[c]), w);
            assertEquals(sample.dropFirst(), conv.outputShape().dropFirst(), "same padding keeps the size");
            assertArrayEquals(shiftedOutput, outputOfShifted, g.toString());
        }
    }

    /** Cyclic shift of every {@code C, spatial...} sample: out[i] = in[i - shift] per spatial axis. */
    private static float[] shift(float[] a, Shape sample, int[] shift) {
        int[] dims = sample.dims();
        int spatial = sample.size() / dims[0];
        int planes = a.length / spatial;
        float[] out = new float[a.length];
        int[] idx = new int[shift.length];
        for (int p = 0; p < planes; p++) {
            for (int flat = 0; flat < spatial; flat++) {
                int rest = flat;
                for (int i = shift.length - 1; i >= 0; i--) {
                    idx[i] = rest % dims[i + 1];
                    rest /= dims[i + 1];
                }
                int target = 0;
                for (int i = 0; i < shift.length; i++) {
                    target = target * dims[i + 1] + Math.floorMod(idx[i] + shift[i], dims[i + 1]);
                }
                out[p * spatial + target] = a[p * spatial + flat];
            }
        }
        return out;
    }

    /**
     * {@code <conv(x), y> = <x, conv^T(y)>} with conv^T the input gradient, and
     * {@code <conv_w(x), y> = <w, dW(x, y)>} with dW the weight gradient (bias-free, so linear).
     */
    @Test
    void backwardIsTheAdjointForInputsAndForWeights() {
        Random rng = new Random(17);
        for (Conv conv : linearConvs()) {
            String name = conv.inputShape() + " " + conv;
            float[] w = TestArrays.uniform(rng, conv.parameterCount());
            float[] x = TestArrays.uniform(rng, conv.inputShape().size() * BATCH);
            float[] cx = forward(conv, x, w);
            float[] y = TestArrays.uniform(rng, cx.length);
            float[] dw = new float[w.length];
            float[] ctY = conv.backward(new Tensor(y, conv.outputShape().prepend(BATCH)), w, 0, dw).toArray();

            double lhs = TestArrays.dot(cx, y, cx.length);
            double scale = TestArrays.dotScale(cx, y, cx.length);
            assertEquals(lhs, TestArrays.dot(x, ctY, x.length), 1e-6 * scale, name + " input adjoint");
            assertEquals(lhs, TestArrays.dot(w, dw, w.length), 1e-6 * scale, name + " weight adjoint");
        }
    }
}
