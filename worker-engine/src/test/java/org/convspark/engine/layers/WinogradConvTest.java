package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@link WinogradConv} (F(2x2, 3x3) on the lane kernels) against the nested-loop reference:
 * output, input, weight and bias gradients, with and without bias, true convolution, batches of
 * 3, 1 and 5 through one layer, without the input gradient. Geometries: ResNet's "same" padding on
 * even and odd planes (odd ones end in half-filled tiles), no padding, padding 2 (the input
 * gradient then has none), asymmetric padding, a 1-pixel-high plane, and 96 channels (64-channel
 * blocks beside a 32-channel one).
 */
class WinogradConvTest {
    private static final int BLOCK = LaneKernels.CHANNEL_BLOCK;

    @Test
    void winogradPathMatchesNestedLoops() {
        assumeTrue(WinogradConv.available(), "the Vector API module is not loaded (--add-modules=jdk.incubator.vector)");
        Random rng = new Random(69);
        Object[][] cases = {
            // {input shape, out channels, geometry}
            {Shape.of(2 * BLOCK, 8, 8), 2 * BLOCK, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(BLOCK, 7, 7), 2 * BLOCK, ConvGeometry.builder(3, 3).padding(1).build()},
            {Shape.of(3 * BLOCK, 6, 9), BLOCK, ConvGeometry.builder(3, 3).build()},
            {Shape.of(BLOCK, 5, 4), 3 * BLOCK, ConvGeometry.builder(3, 3).padding(2).build()},
            {Shape.of(BLOCK, 6, 7), BLOCK, ConvGeometry.builder(3, 3).padding(Padding.of(new int[] {0, 2},
                    new int[] {1, 0})).build()},
            {Shape.of(BLOCK, 1, 5), BLOCK, ConvGeometry.builder(3, 3).padding(1).build()},
        };
        LaneConvTest.checkCases(cases, Conv.Lanes.WINOGRAD, "Winograd F(2x2,3x3) (lane kernels)", rng);
    }

    @Test
    void onlyThreeByThreeStrideOneLayersWithinTwoOfPadding() {
        Shape in = Shape.of(BLOCK, 9, 9);
        assertTrue(WinogradConv.fits(new ConvSpec(BLOCK, ConvGeometry.builder(3, 3).padding(1).build(), true), in));
        ConvGeometry[] others = {
            ConvGeometry.builder(3, 3).stride(2, 2).padding(1).build(),
            ConvGeometry.builder(3, 3).dilation(2, 2).build(),
            ConvGeometry.builder(5, 5).padding(2).build(),
            ConvGeometry.builder(3, 1).build(),
            ConvGeometry.builder(3, 3).padding(3).build(),
        };
        for (ConvGeometry g : others) {
            assertFalse(WinogradConv.fits(new ConvSpec(BLOCK, g, true), in), g.toString());
        }
        assertFalse(WinogradConv.fits(new ConvSpec(BLOCK + 2, ConvGeometry.builder(3, 3).build(), true), in));
        // One vector of channels: LaneConv's row tiles take it, Winograd's tiles do not.
        int vector = LaneKernels.LANES;
        ConvSpec narrow = new ConvSpec(vector, ConvGeometry.builder(3, 3).padding(1).build(), true);
        assertTrue(LaneConv.fits(narrow, Shape.of(vector, 32, 32)));
        assertFalse(WinogradConv.fits(narrow, Shape.of(vector, 32, 32)));
    }

    @Test
    void servesWideLayersOfWholeTilesOnly() {
        int wide = WinogradConv.MIN_CHANNELS;
        ConvGeometry same = ConvGeometry.builder(3, 3).padding(1).build();
        assertTrue(WinogradConv.serves(new ConvSpec(wide, same, true), Shape.of(wide, 8, 8)));
        assertTrue(WinogradConv.serves(new ConvSpec(2 * wide, same, true), Shape.of(2 * wide, 16, 16)), "128 channels");
        assertFalse(WinogradConv.serves(new ConvSpec(wide, same, true), Shape.of(wide, 7, 7)), "half-filled tiles");
        assertFalse(WinogradConv.serves(new ConvSpec(wide, same, true), Shape.of(wide / 2, 8, 8)), "narrow input");
        assertFalse(WinogradConv.serves(new ConvSpec(wide / 2, same, true), Shape.of(wide, 8, 8)), "narrow output");
        if (WinogradConv.available() && LaneConv.serves(new ConvSpec(wide, same, true), Shape.of(wide, 8, 8))) {
            assertTrue(new Conv(new ConvSpec(wide, same, true), Shape.of(wide, 8, 8)).winograd());
            assertTrue(new Conv(new ConvSpec(wide, same, true), Shape.of(wide, 7, 7)).lanes());
            assertTrue(new Conv(new ConvSpec(2 * wide, same, true), Shape.of(2 * wide, 16, 16)).winograd());
        }
    }
}
