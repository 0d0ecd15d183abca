package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectConv} (the im2col-free path of small stride-1 layers) against the nested-loop
 * reference: output, input, weight and bias gradients, over LeNet's two layers and edge shapes
 * (1x1 and full-plane kernels, 1-pixel planes, asymmetric and wide padding, channel counts that
 * do not fill a register tile, planes whose output span is exactly or just over a tile), with and
 * without bias, true convolution, batches of 1 to 3 run twice through one layer (the padded
 * buffers are reused and shrink), and without the input gradient.
 */
class DirectConvTest {
    private static final double ABS = 1e-4;
    private static final double REL = 1e-4;

    @Test
    void directPathMatchesNestedLoops() {
        assumeTrue(DirectConv.available(), "the Vector API module is not loaded (--add-modules=jdk.incubator.vector)");
        Random rng = new Random(66);
        Object[][] cases = {
            // {input shape, out channels, geometry}
            {Shape.of(1, 28, 28), 6, ConvGeometry.builder(5, 5).padding(2).build()},
            {Shape.of(6, 14, 14), 16, ConvGeometry.builder(5, 5).build()},
            {Shape.of(3, 8, 8), 5, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(2, 5, 7), 3, ConvGeometry.builder(1, 1).build()},
            {Shape.of(2, 4, 4), 7, ConvGeometry.builder(4, 4).build()},
            {Shape.of(1, 1, 1), 1, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(3, 6, 9), 9, ConvGeometry.builder(2, 3).padding(Padding.of(new int[] {0, 2},
                    new int[] {3, 1})).build()},
            {Shape.of(5, 3, 2), 4, ConvGeometry.builder(3, 3).padding(Padding.FULL).build()},
            // 48 output positions (exactly one tile of 16 lanes), then 49.
            {Shape.of(2, 6, 8), 4, ConvGeometry.builder(1, 1).build()},
            {Shape.of(2, 7, 7), 4, ConvGeometry.builder(1, 1).build()},
            {Shape.of(32, 6, 6), 16, ConvGeometry.builder(3, 3).padding(1).build()},
            // Row tiles of 8 (32 and 24 channels), 8 + 4 (12), 8 + 2 (10), and ResNet's 32->32.
            {Shape.of(4, 7, 7), 32, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(3, 5, 6), 24, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(2, 6, 6), 12, ConvGeometry.builder(3, 3).build()},
            {Shape.of(3, 5, 5), 10, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(32, 5, 5), 32, ConvGeometry.builder(3, 3).padding(1).build()},
            // 16 output channels, 5 wide (ChannelKernels on AVX-512): output rows of 19 (a tile
            // and a partial one), of 4 (padding wider than the plane), a 3x5 kernel with
            // asymmetric padding.
            {Shape.of(3, 9, 23), 16, ConvGeometry.builder(5, 5).build()},
            {Shape.of(2, 3, 4), 16, ConvGeometry.builder(5, 5).padding(2).build()},
            {Shape.of(1, 7, 31), 16, ConvGeometry.builder(3, 5).padding(Padding.of(new int[] {1, 0},
                    new int[] {0, 2})).build()},
        };
        int channelsLast = 0;
        for (Object[] c : cases) {
            Shape in = (Shape) c[0];
            int outChannels = (Integer) c[1];
            ConvGeometry g = (ConvGeometry) c[2];
            for (boolean bias : new boolean[] {true, false}) {
                for (boolean flip : new boolean[] {false, true}) {
                    ConvSpec spec = new ConvSpec(outChannels, g, bias, flip);
                    // Up to 32 channels whole, as where the BLAS is narrower than the CPU.
                    Conv conv = new Conv(spec, in, Gemm.defaultGemm(), Conv.BLOCK_FLOATS, Conv.TILE_FLOATS,
                            Conv.CACHE_FLOATS, 32, Conv.Lanes.NEVER);
                    assertTrue(conv.direct(), "direct path for " + conv);
                    boolean oneVector = outChannels == ChannelKernels.LANES && g.kernel(1) == ChannelKernels.KERNEL_WIDTH;
                    assertEquals(oneVector, conv.directChannelsLast(), "channels-last kernels for " + conv);
                    channelsLast += oneVector ? 1 : 0;
                    // 18: the weight gradient takes samples in blocks of DirectConv.GRADIENT_SAMPLES.
                    for (int batch : new int[] {3, 1, DirectConv.GRADIENT_SAMPLES + 2}) {
                        check(conv, spec, in, batch, rng);
                    }
                }
            }
        }
        // LeNet conv2 and the three above, with and without bias and flip, where vectors are 16 floats.
        assertEquals(ChannelKernels.LANES == 16 ? 16 : 0, channelsLast);
    }

    /** Wider stride-1 layers run DirectConv's forward and im2col + GEMM backward: both against nested loops. */
    @Test
    void directForwardWithGemmBackwardMatchesNestedLoops() {
        assumeTrue(DirectConv.available(), "the Vector API module is not loaded (--add-modules=jdk.incubator.vector)");
        Random rng = new Random(67);
        Object[][] cases = {
            {Shape.of(40, 6, 6), 48, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(8, 7, 5), Conv.DIRECT_FORWARD_MAX_OUT, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(60, 5, 7), 20, ConvGeometry.builder(3, 2).build()},
        };
        for (Object[] c : cases) {
            Shape in = (Shape) c[0];
            ConvGeometry g = (ConvGeometry) c[2];
            for (boolean bias : new boolean[] {true, false}) {
                ConvSpec spec = new ConvSpec((Integer) c[1], g, bias, !bias);
                Conv conv = new Conv(spec, in, Gemm.defaultGemm(), Conv.BLOCK_FLOATS, Conv.TILE_FLOATS,
                        Conv.CACHE_FLOATS, DirectConv.MAX_OUT_CHANNELS, Conv.Lanes.NEVER);
                assertFalse(conv.direct(), conv.toString());
                assertTrue(conv.algorithm().startsWith("direct forward (shift kernels), backward im2col + GEMM"),
                        conv.algorithm());
                for (int batch : new int[] {3, 1}) {
                    check(conv, spec, in, batch, rng);
                }
            }
        }
        ConvSpec wide = new ConvSpec(Conv.DIRECT_FORWARD_MAX_OUT + 1, ConvGeometry.builder(3, 3).build(), true);
        assertTrue(new Conv(wide, Shape.of(2, 5, 5)).algorithm().startsWith("im2col + GEMM"));
    }

    /** {@code conv} against nested loops on random data: output, gradients, and the parameter gradients again without the input gradient. */
    static void check(Conv conv, ConvSpec spec, Shape in, int batch, Random rng) {
        ConvGeometry g = spec.geometry();
        int outChannels = spec.outChannels();
        int weights = conv.parameterCount() - (spec.bias() ? outChannels : 0);
        float[] params = TestArrays.uniform(rng, conv.parameterCount());
        float[] w = Arrays.copyOf(params, weights);
        if (spec.trueConvolution()) {
            // The reference correlates; true convolution is correlation with each kernel reversed.
            int kv = g.kernelVolume();
            for (int k = 0; k < weights; k += kv) {
                for (int t = 0; t < kv; t++) {
                    w[k + t] = params[k + kv - 1 - t];
                }
            }
        }
        float[] b = spec.bias() ? Arrays.copyOfRange(params, weights, params.length) : null;
        Shape inBatch = in.prepend(batch);
        float[] x = TestArrays.uniform(rng, inBatch.size());
        float[] dy = TestArrays.uniform(rng, conv.outputShape().prepend(batch).size());
        NaiveConv naive = new NaiveConv(g, batch, in.dim(0), in.last(2), outChannels, x, w, b, dy);
        String what = conv + " batch " + batch + " bias " + spec.bias();
        conv.setNeedsInputGradient(true);
        Tensor y = conv.forward(new Tensor(x, inBatch), params, 0, true);
        TestArrays.assertClose(what + " output", naive.output, y.data(), ABS, REL);
        float[] grads = new float[params.length];
        Tensor dx = conv.backward(new Tensor(dy, y.shape()), params, 0, grads);
        TestArrays.assertClose(what + " grad_input", naive.gradInput, dx.data(), ABS, REL);
        double[] gradWeight = naive.gradWeight.clone();
        if (spec.trueConvolution()) {
            int kv = g.kernelVolume();
            for (int k = 0; k < weights; k += kv) {
                for (int t = 0; t < kv; t++) {
                    gradWeight[k + t] = naive.gradWeight[k + kv - 1 - t];
                }
            }
        }
        TestArrays.assertClose(what + " grad_weight", gradWeight, Arrays.copyOf(grads, weights), ABS, REL);
        if (spec.bias()) {
            TestArrays.assertClose(what + " grad_bias", naive.gradBias, Arrays.copyOfRange(grads, weights,
                    grads.length), ABS, REL);
        }
        conv.setNeedsInputGradient(false);
        conv.forward(new Tensor(x, inBatch), params, 0, true);
        float[] without = new float[params.length];
        assertNull(conv.backward(new Tensor(dy, y.shape()), params, 0, without), what);
        assertArrayEquals(grads, without, what + ": parameter gradients without the input gradient");
    }

    @Test
    void layersTheKernelsDoNotCoverGoElsewhere() {
        Shape in = Shape.of(4, 9, 9);
        ConvGeometry[] others = {
            ConvGeometry.builder(3, 3).stride(2, 2).build(),
            ConvGeometry.builder(3, 3).dilation(2, 2).build(),
            ConvGeometry.builder(3, 3).groups(2).build(),
            ConvGeometry.builder(3, 3).padding(1).paddingMode(PaddingMode.REFLECT).build(),
            ConvGeometry.builder(3).build(),
        };
        for (ConvGeometry g : others) {
            Shape input = g.dims() == 1 ? Shape.of(4, 9) : in;
            assertFalse(DirectConv.serves(new ConvSpec(4, g, true), input), g.toString());
        }
        assertFalse(DirectConv.serves(new ConvSpec(DirectConv.MAX_OUT_CHANNELS + 1,
                ConvGeometry.builder(3, 3).build(), true), in));
        assertFalse(new Conv(new ConvSpec(4, ConvGeometry.builder(3, 3).build(), true), in, Gemm.defaultGemm(),
                Conv.BLOCK_FLOATS, Conv.TILE_FLOATS, Conv.CACHE_FLOATS, false).direct());
    }
}
