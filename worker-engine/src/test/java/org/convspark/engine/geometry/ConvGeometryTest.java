package org.convspark.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvGeometryTest {

    @Test
    void outputSizeFollowsTheFloorFormula() {
        ConvGeometry g = ConvGeometry.builder(3, 5).stride(2, 1).padding(1, 2).dilation(2, 1).build();
        // floor((n + 2p - d(k-1) - 1)/s) + 1
        assertArrayEquals(new int[] {(10 + 2 - 4 - 1) / 2 + 1, (7 + 4 - 4 - 1) + 1},
                g.outputSpatial(new int[] {10, 7}));
    }

    @Test
    void namedPaddingRulesResolveAgainstKernelAndDilation() {
        ConvGeometry same = ConvGeometry.builder(4).dilation(3).padding(Padding.SAME).build();
        assertEquals(4, same.padBefore(0));
        assertEquals(5, same.padAfter(0));
        assertEquals(11, same.outputSize(0, 11));
        ConvGeometry full = ConvGeometry.builder(3, 3).padding(Padding.FULL).build();
        assertArrayEquals(new int[] {7, 7}, full.outputSpatial(new int[] {5, 5}));
        ConvGeometry valid = ConvGeometry.builder(3).padding(Padding.VALID).build();
        assertEquals(3, valid.outputSize(0, 5));
    }

    @Test
    void ceilModeDropsAWindowStartingInTheTrailingPadding() {
        // PyTorch: MaxPool1d(k=2, s=2, p=1, ceil_mode=True) on n=4 gives 3, not 4.
        ConvGeometry g = ConvGeometry.builder(2).stride(2).padding(1).ceilMode(true).build();
        assertEquals(3, g.outputSize(0, 4));
        ConvGeometry h = ConvGeometry.builder(3).stride(2).ceilMode(true).build();
        assertEquals(3, h.outputSize(0, 6));
        assertEquals(2, ConvGeometry.builder(3).stride(2).build().outputSize(0, 6));
    }

    @Test
    void invalidParametersAreNamedWithTheirValues() {
        assertMessage("stride must be >= 1, got [0]", () -> ConvGeometry.builder(3).stride(0).build());
        assertMessage("dilation must be >= 1, got [-1]", () -> ConvGeometry.builder(3).dilation(-1).build());
        assertMessage("kernel must be >= 1, got [0, 3]", () -> ConvGeometry.builder(0, 3).build());
        assertMessage("groups must be >= 1, got 0", () -> ConvGeometry.builder(3).groups(0).build());
        assertMessage("padding \"same\" needs stride 1", () -> ConvGeometry.builder(3).stride(2).padding(Padding.SAME).build());
        assertMessage("kernel [7] spans 7 but the padded input is only 6",
                () -> ConvGeometry.builder(7).padding(1).build().outputSpatial(new int[] {4}));
        assertMessage("reflect padding 4 must be smaller than the input size 4",
                () -> ConvGeometry.builder(3).padding(4).paddingMode(PaddingMode.REFLECT).build()
                        .outputSpatial(new int[] {4}));
    }

    @Test
    void paddingModesMapOutsideIndicesToSources() {
        int n = 4;
        int[] reflect = new int[8];
        int[] replicate = new int[8];
        int[] circular = new int[8];
        for (int i = -2; i < 6; i++) {
            reflect[i + 2] = PaddingMode.REFLECT.sourceIndex(i, n);
            replicate[i + 2] = PaddingMode.REPLICATE.sourceIndex(i, n);
            circular[i + 2] = PaddingMode.CIRCULAR.sourceIndex(i, n);
        }
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 2, 1}, reflect);
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 3, 3, 3}, replicate);
        assertArrayEquals(new int[] {2, 3, 0, 1, 2, 3, 0, 1}, circular);
        assertEquals(-1, PaddingMode.ZEROS.sourceIndex(-1, n));
    }

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expected), () -> "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
    }
}
