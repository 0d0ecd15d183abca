package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Random;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.im2col.Im2Col;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * Every way Conv can run a batch gives the nested-loop result, with and without slack columns:
 * one sample per GEMM, blocks of two with a short last block, the whole batch in one block,
 * samples in tiles of one output row or of about half the rows; columns kept from forward or
 * rebuilt in backward (also after an inference forward, which keeps none); and a layer told it
 * needs no input gradient returns none and the same parameter gradients.
 */
class ConvPathsTest {
    private static final double ABS = 1e-4;
    private static final double REL = 1e-4;
    private static final int BATCH = 5;

    @Test
    void everyBlockingAndCachingMatchesNestedLoops() {
        Random rng = new Random(606);
        ConvGeometry[] geometries = {
            ConvGeometry.builder(5, 5).padding(2).build(),
            ConvGeometry.builder(3, 3).padding(1).groups(2).build(),
            ConvGeometry.builder(3, 3).stride(2, 2).padding(1).paddingMode(PaddingMode.REFLECT).build(),
            ConvGeometry.builder(3).dilation(2).padding(2).paddingMode(PaddingMode.CIRCULAR).build(),
            ConvGeometry.builder(2, 2, 2).padding(1).build(),
            // Valid at stride 1: LeNet's conv2 kind, with slack columns.
            ConvGeometry.builder(5, 5).build(),
            ConvGeometry.builder(3, 3).dilation(2, 2).padding(1, 0).groups(2).build(),
        };
        Shape[] inputs = {Shape.of(1, 8, 8), Shape.of(4, 6, 5), Shape.of(3, 7, 7), Shape.of(2, 11), Shape.of(2, 3, 4, 3),
            Shape.of(2, 9, 9), Shape.of(4, 7, 8)};
        for (int c = 0; c < geometries.length; c++) {
            ConvGeometry g = geometries[c];
            Shape in = inputs[c];
            ConvSpec spec = new ConvSpec(4, g, true);
            Conv probe = new Conv(spec, in);
            Im2Col columns = new Im2Col(g, in.dim(0), in.last(g.dims()));
            // Floats per column as the layer counts them: column rows, the bias's row of ones, outputs.
            int perSample = (columns.rows() + 1 + 4) * columns.columns();
            float[] params = TestArrays.uniform(rng, probe.parameterCount());
            Shape batch = in.prepend(BATCH);
            float[] x = TestArrays.uniform(rng, batch.size());
            float[] dy = TestArrays.uniform(rng, probe.outputShape().prepend(BATCH).size());
            int weights = probe.parameterCount() - 4;
            NaiveConv naive = new NaiveConv(g, BATCH, in.dim(0), in.last(g.dims()), 4, x,
                    Arrays.copyOf(params, weights), Arrays.copyOfRange(params, weights, params.length), dy);
            // {blockFloats, tileFloats}: one sample per block, two (the last block short), all five;
            // tiles of one output row, of about half a sample.
            int[][] sizes = {{1, perSample}, {2 * perSample, perSample}, {BATCH * perSample, perSample},
                {1, 1}, {1, perSample / 2}};
            long[] cacheFloats = {0, Long.MAX_VALUE};
            for (int[] size : sizes) {
                for (long cache : cacheFloats) {
                    for (boolean training : new boolean[] {true, false}) {
                        String what = g + " input " + batch + " blockFloats " + size[0] + " tileFloats " + size[1]
                                + " cacheFloats " + cache + " training " + training;
                        Conv conv = new Conv(spec, in, Gemm.defaultGemm(), size[0], size[1], cache, false);
                        Tensor y = conv.forward(new Tensor(x, batch), params, 0, training);
                        TestArrays.assertClose(what + " output", naive.output, y.data(), ABS, REL);
                        float[] grads = new float[params.length];
                        Tensor dx = conv.backward(new Tensor(dy, y.shape()), params, 0, grads);
                        TestArrays.assertClose(what + " grad_input", naive.gradInput, dx.data(), ABS, REL);
                        TestArrays.assertClose(what + " grad_weight", naive.gradWeight, grads, ABS, REL);
                        TestArrays.assertClose(what + " grad_bias", naive.gradBias,
                                Arrays.copyOfRange(grads, weights, grads.length), ABS, REL);

                        conv.setNeedsInputGradient(false);
                        conv.forward(new Tensor(x, batch), params, 0, training);
                        float[] without = new float[params.length];
                        assertNull(conv.backward(new Tensor(dy, y.shape()), params, 0, without), what);
                        assertArrayEquals(grads, without, what + ": parameter gradients without the input gradient");
                    }
                }
            }
        }
    }
}
