package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneConv} (the channels-last direct path) against the nested-loop reference: output,
 * input, weight and bias gradients, with and without bias, true convolution, batches whose
 * position counts do and do not fill whole register tiles, run twice through one layer, and
 * without the input gradient. The geometries cover what the phases of the input gradient must
 * get right: stride 1, 2 and 3 with 3x3 kernels (a stride-3 phase has one tap per axis), a 1x1
 * stride-2 projection (three of its four phases receive nothing), asymmetric and wide padding,
 * dilation with and without stride, unequal strides per axis, 64-channel blocks beside a
 * last 32-channel block (96 channels), batches of several chunks, and the row tiles (3-wide
 * kernels at stride 1 in width on rows of whole runs of 8 or 7), forward alone and both ways.
 */
class LaneConvTest {
    private static final int BLOCK = LaneKernels.CHANNEL_BLOCK;
    private static final int VECTOR = LaneKernels.LANES;

    @Test
    void lanePathMatchesNestedLoops() {
        assumeTrue(LaneConv.available(), "the Vector API module is not loaded (--add-modules=jdk.incubator.vector)");
        Random rng = new Random(68);
        Object[][] cases = {
            // {input shape, out channels, geometry}
            {Shape.of(2 * BLOCK, 8, 8), 2 * BLOCK, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(BLOCK, 9, 7), 2 * BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build()},
            {Shape.of(BLOCK, 8, 8), BLOCK, ConvGeometry.builder(1, 1).stride(2, 2).build()},
            {Shape.of(BLOCK, 10, 11), 3 * BLOCK, ConvGeometry.builder(3, 3).stride(3, 3).padding(2).build()},
            {Shape.of(3 * BLOCK, 6, 5), BLOCK, ConvGeometry.builder(2, 3).stride(1, 2).padding(Padding.of(
                    new int[] {0, 2}, new int[] {3, 1})).build()},
            {Shape.of(BLOCK, 9, 9), BLOCK, ConvGeometry.builder(3, 3).dilation(2, 2).padding(2).build()},
            {Shape.of(BLOCK, 11, 10), 2 * BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).dilation(2, 1).build()},
            {Shape.of(BLOCK, 3, 2), BLOCK, ConvGeometry.builder(3, 3).padding(Padding.FULL).build()},
            {Shape.of(BLOCK, 5, 5), BLOCK, ConvGeometry.builder(5, 5).build()},
            // Planes large enough for each sample to be a chunk of its own (the layout copies go
            // chunk by chunk), 462 output positions: every chunk ends in a part tile.
            {Shape.of(BLOCK, 43, 41), 2 * BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build()},
            // Rows of whole runs of 8 positions: the row tiles, forward only (stride 2 in height),
            // and both ways with three 32-channel blocks of input gradient.
            {Shape.of(BLOCK, 9, 16), BLOCK, ConvGeometry.builder(3, 3).stride(2, 1).padding(1).build()},
            {Shape.of(3 * BLOCK, 4, 8), BLOCK, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(BLOCK, 8, 8), BLOCK, ConvGeometry.builder(2, 3).padding(Padding.of(new int[] {1, 1},
                    new int[] {0, 1})).build()},
            // Runs of 7: both 32-channel halves of 64 channels.
            {Shape.of(2 * BLOCK, 7, 7), 2 * BLOCK, ConvGeometry.builder(3, 3).padding(1).build()},
            // One vector of channels, on rows alone: runs of 16 and of 14, and 48 channels (a
            // 32-channel block, then one vector) beside 16.
            {Shape.of(VECTOR, 5, 16), VECTOR, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(VECTOR, 4, 14), BLOCK + VECTOR, ConvGeometry.builder(3, 3).padding(1).build()},
            // One vector of input channels at stride 2 (ResNet's 16->32 layer): its input gradient
            // phase by phase on the single-vector tiles, alone and after a 32-channel block.
            {Shape.of(VECTOR, 9, 9), BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build()},
            {Shape.of(BLOCK + VECTOR, 7, 6), BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).build()},
            // Stride-2 phases whose taps come in pairs along rows of whole runs (8 for a block,
            // 16 for one vector): the pair row tiles; and stride 2 in width alone.
            {Shape.of(BLOCK, 9, 16), BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build()},
            {Shape.of(VECTOR, 5, 32), BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build()},
            {Shape.of(BLOCK + VECTOR, 4, 32), BLOCK, ConvGeometry.builder(3, 3).stride(1, 2).padding(1).build()},
            // The forward at stride 2 in width on rows of whole runs: of 7 (two blocks of output
            // channels, stride 1 in height; 14 positions from 28 inputs); of 8 above.
            {Shape.of(BLOCK, 3, 14), 2 * BLOCK, ConvGeometry.builder(3, 3).stride(1, 2).padding(1).build()},
            {Shape.of(VECTOR, 5, 28), BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build()},
            // Dilation 2 in width at stride 1 on rows of whole runs: the dilated row tiles both
            // ways, runs of 8 (dilated 2 in height too) and of 7 (two blocks of input channels).
            {Shape.of(BLOCK, 5, 8), 2 * BLOCK, ConvGeometry.builder(3, 3).dilation(2, 2).padding(2).build()},
            {Shape.of(2 * BLOCK, 4, 7), BLOCK, ConvGeometry.builder(3, 3).dilation(1, 2).padding(1, 2).build()},
        };
        checkCases(cases, Conv.Lanes.DIRECT, "direct channels-last (lane kernels)", rng);
    }

    @Test
    void rowTilesServeThreeWideKernelsOnRowsOfWholeRuns() {
        assumeTrue(LaneConv.available(), "the Vector API module is not loaded (--add-modules=jdk.incubator.vector)");
        ConvGeometry same = ConvGeometry.builder(3, 3).padding(1).build();
        assertArrayEquals(new boolean[] {true, true, true, false, false, false},
                new LaneConv(new ConvSpec(2 * BLOCK, same, false), Shape.of(2 * BLOCK, 8, 8)).rows());
        assertArrayEquals(new boolean[] {true, false, true, false, false, false},
                new LaneConv(new ConvSpec(BLOCK, ConvGeometry.builder(3, 3).stride(2, 1).padding(1).build(), false),
                        Shape.of(BLOCK, 9, 16)).rows());
        // Two kernel rows: the forward's rows, but no whole blocks of 3 for the weight gradient.
        assertArrayEquals(new boolean[] {true, true, false, false, false, false},
                new LaneConv(new ConvSpec(BLOCK, ConvGeometry.builder(2, 3)
                        .padding(Padding.of(new int[] {1, 1}, new int[] {0, 1})).build(), false),
                        Shape.of(BLOCK, 8, 8)).rows());
        assertArrayEquals(new boolean[] {true, true, true, false, false, false},
                new LaneConv(new ConvSpec(BLOCK, same, false), Shape.of(BLOCK, 14, 14)).rows());
        assertArrayEquals(new boolean[] {false, false, false, false, false, false},
                new LaneConv(new ConvSpec(BLOCK, same, false), Shape.of(BLOCK, 9, 9)).rows());
        // Stride 2 in width: the forward on the stride-2 row tiles where the output rows are whole runs.
        ConvGeometry down = ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build();
        assertArrayEquals(new boolean[] {false, false, false, true, false, false},
                new LaneConv(new ConvSpec(BLOCK, down, false), Shape.of(BLOCK, 16, 16)).rows());
        assertArrayEquals(new boolean[] {false, false, false, true, false, false},
                new LaneConv(new ConvSpec(2 * BLOCK, down, false), Shape.of(BLOCK, 14, 14)).rows());
        assertArrayEquals(new boolean[] {false, false, false, false, false, false},
                new LaneConv(new ConvSpec(BLOCK, down, false), Shape.of(BLOCK, 18, 18)).rows());
        assertArrayEquals(new boolean[] {false, false, false, true, false, false},
                new LaneConv(new ConvSpec(BLOCK, ConvGeometry.builder(2, 3).stride(2, 2).padding(1).build(), false),
                        Shape.of(BLOCK, 16, 16)).rows());
        // Dilation 2 in width at stride 1: the forward and the input gradient on the dilated row
        // tiles; only with them does a dilated layer take this path.
        ConvGeometry dilated = ConvGeometry.builder(3, 3).dilation(2, 2).padding(2).build();
        assertArrayEquals(new boolean[] {false, false, false, false, true, true},
                new LaneConv(new ConvSpec(2 * BLOCK, dilated, false), Shape.of(2 * BLOCK, 16, 16)).rows());
        assertTrue(LaneConv.serves(new ConvSpec(2 * BLOCK, dilated, false), Shape.of(2 * BLOCK, 32, 32)));
        assertFalse(LaneConv.serves(new ConvSpec(2 * BLOCK, dilated, false), Shape.of(2 * BLOCK, 9, 9)));
        assertFalse(LaneConv.serves(new ConvSpec(VECTOR, ConvGeometry.builder(3, 3).dilation(2, 2).padding(2).build(),
                false), Shape.of(VECTOR, 16, 16)));
        assertArrayEquals(new boolean[] {false, false, false, false, false, false},
                new LaneConv(new ConvSpec(BLOCK, ConvGeometry.builder(5, 5).padding(2).build(), false),
                        Shape.of(BLOCK, 8, 8)).rows());
        // One vector of channels fits only where every pass has its rows.
        assertTrue(LaneConv.fits(new ConvSpec(VECTOR, same, false), Shape.of(VECTOR, 32, 32)));
        assertTrue(LaneConv.fits(new ConvSpec(VECTOR, same, false), Shape.of(VECTOR, 28, 28)));
        assertFalse(LaneConv.fits(new ConvSpec(VECTOR, same, false), Shape.of(VECTOR, 8, 8)));
        assertFalse(LaneConv.fits(new ConvSpec(VECTOR, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build(),
                false), Shape.of(VECTOR, 32, 32)));
        // One vector of input channels: its input gradient on the single-vector tiles, any stride.
        assertTrue(LaneConv.fits(new ConvSpec(BLOCK, ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build(),
                false), Shape.of(VECTOR, 32, 32)));
        assertFalse(LaneConv.fits(new ConvSpec(VECTOR, ConvGeometry.builder(2, 3).padding(1).build(), false),
                Shape.of(VECTOR, 31, 32)));
    }

    /**
     * Each case ({input shape, out channels, geometry}) with and without bias and true
     * convolution on the path {@code policy} names (checked by its algorithm's name), against
     * nested loops at batches 3, 1 (fewer positions than a register tile) and 5 through one layer.
     */
    static void checkCases(Object[][] cases, Conv.Lanes policy, String algorithm, Random rng) {
        for (Object[] c : cases) {
            Shape in = (Shape) c[0];
            int outChannels = (Integer) c[1];
            ConvGeometry g = (ConvGeometry) c[2];
            for (boolean bias : new boolean[] {true, false}) {
                for (boolean flip : new boolean[] {false, true}) {
                    ConvSpec spec = new ConvSpec(outChannels, g, bias, flip);
                    Conv conv = new Conv(spec, in, Gemm.defaultGemm(), Conv.BLOCK_FLOATS, Conv.TILE_FLOATS,
                            Conv.CACHE_FLOATS, DirectConv.MAX_OUT_CHANNELS, policy);
                    assertEquals(algorithm, conv.algorithm(), conv.toString());
                    for (int batch : new int[] {3, 1, 5}) {
                        DirectConvTest.check(conv, spec, in, batch, rng);
                    }
                }
            }
        }
    }

    @Test
    void layersTheLanesDoNotCoverGoElsewhere() {
        Shape in = Shape.of(BLOCK, 9, 9);
        assertFalse(LaneConv.fits(new ConvSpec(BLOCK + 1, ConvGeometry.builder(3, 3).build(), true), in));
        assertFalse(LaneConv.fits(new ConvSpec(BLOCK, ConvGeometry.builder(3, 3).build(), true), Shape.of(BLOCK + 2, 9, 9)));
        assertFalse(LaneConv.fits(new ConvSpec(BLOCK, ConvGeometry.builder(3, 3).groups(2).build(), true), in));
        assertFalse(LaneConv.fits(new ConvSpec(BLOCK, ConvGeometry.builder(3, 3).padding(1)
                .paddingMode(PaddingMode.REFLECT).build(), true), in));
        assertFalse(LaneConv.fits(new ConvSpec(BLOCK, ConvGeometry.builder(3).build(), true), Shape.of(BLOCK, 9)));
        assertFalse(new Conv(new ConvSpec(BLOCK, ConvGeometry.builder(3, 3).build(), true), in, Gemm.defaultGemm(),
                Conv.BLOCK_FLOATS, Conv.TILE_FLOATS, Conv.CACHE_FLOATS, false).lanes());
    }
}
