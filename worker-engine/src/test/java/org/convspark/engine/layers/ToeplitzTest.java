package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * Convolution as a matrix product: a 1-D kernel {@code w} (dilation {@code d}) is the banded
 * Toeplitz matrix {@code T[i][i + j d] = w[j]}. {@code T x} is the valid convolution of
 * {@code x}; {@code T^T y} is the "full"-padded convolution of {@code y} with the flipped kernel
 * (which is also the true convolution with {@code w}, and the input gradient).
 */
class ToeplitzTest {
    @Test
    void bandedMatrixTimesSignalIsTheConvolutionAndItsTransposeTheFlippedFullConvolution() {
        Random rng = new Random(19);
        for (int dilation = 1; dilation <= 2; dilation++) {
            for (int k : new int[] {1, 2, 3, 5}) {
                int n = 12;
                int span = dilation * (k - 1);
                int m = n - span;
                float[] w = TestArrays.uniform(rng, k);
                double[][] t = new double[m][n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < k; j++) {
                        t[i][i + j * dilation] = w[j];
                    }
                }
                float[] x = TestArrays.uniform(rng, n);
                float[] y = TestArrays.uniform(rng, m);
                String name = "k=" + k + " d=" + dilation;

                Conv valid = conv(k, dilation, Padding.VALID, false, n);
                TestArrays.assertClose(name + " T x", times(t, x, false),
                        run(valid, x, w), 1e-6, 1e-6);

                float[] flippedKernel = new float[k];
                for (int j = 0; j < k; j++) {
                    flippedKernel[j] = w[k - 1 - j];
                }
                double[] tty = times(t, y, true);
                TestArrays.assertClose(name + " T^T y vs flipped full conv", tty,
                        run(conv(k, dilation, Padding.FULL, false, m), y, flippedKernel), 1e-6, 1e-6);
                TestArrays.assertClose(name + " T^T y vs true full conv", tty,
                        run(conv(k, dilation, Padding.FULL, true, m), y, w), 1e-6, 1e-6);
                valid.forward(new Tensor(x, Shape.of(1, 1, n)), w, 0, false);
                float[] gradInput = valid.backward(new Tensor(y, Shape.of(1, 1, m)), w, 0, new float[k]).toArray();
                TestArrays.assertClose(name + " T^T y vs input gradient", tty, gradInput, 1e-6, 1e-6);
            }
        }
    }

    private static Conv conv(int k, int dilation, Padding padding, boolean trueConvolution, int n) {
        ConvGeometry g = ConvGeometry.builder(k).dilation(dilation).padding(padding).build();
        return new Conv(new ConvSpec(1, g, false, trueConvolution), Shape.of(1, n));
    }

    private static float[] run(Conv conv, float[] signal, float[] kernel) {
        return conv.forward(new Tensor(signal, Shape.of(1, 1, signal.length)), kernel, 0, false).toArray();
    }

    private static double[] times(double[][] t, float[] v, boolean transpose) {
        int rows = transpose ? t[0].length : t.length;
        double[] out = new double[rows];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[0].length; j++) {
                if (transpose) {
                    out[j] += t[i][j] * v[i];
                } else {
                    out[i] += t[i][j] * v[j];
                }
            }
        }
        return out;
    }
}
