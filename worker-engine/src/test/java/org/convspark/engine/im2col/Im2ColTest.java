package org.convspark.engine.im2col;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

class Im2ColTest {

    @Test
    void columnsOfASmall1dInputInEveryPaddingMode() {
        // x = [1 2 3 4], k=2, pad 1, stride 1: windows start at -1, 0, 1, 2, 3.
        float[] x = {1, 2, 3, 4};
        float[][] expected = {
            {0, 1, 2, 3, 4, /**/ 1, 2, 3, 4, 0},
            {2, 1, 2, 3, 4, /**/ 1, 2, 3, 4, 3},
            {1, 1, 2, 3, 4, /**/ 1, 2, 3, 4, 4},
            {4, 1, 2, 3, 4, /**/ 1, 2, 3, 4, 1},
        };
        for (PaddingMode mode : PaddingMode.INDEX_MAPS) {
            Im2Col op = new Im2Col(ConvGeometry.builder(2).padding(1).paddingMode(mode).build(), 1, new int[] {4});
            assertEquals(2, op.rows());
            assertEquals(5, op.columns());
            float[] col = new float[10];
            op.im2col(x, 0, col, 0);
            assertArrayEquals(expected[mode.ordinal()], col, mode.toString());
        }
    }

    @Test
    void columnsOfAStridedDilated2dInputWithTwoChannels() {
        // 2 channels of 3x4, kernel 2x2, stride (1, 2), dilation (2, 1), no padding: output 1x2.
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Im2Col op = new Im2Col(ConvGeometry.builder(2, 2).stride(1, 2).dilation(2, 1).build(), 2, new int[] {3, 4});
        float[] col = new float[op.rows() * op.columns()];
        op.im2col(x, 0, col, 0);
        float[] expected = {
            0, 2, 1, 3, 8, 10, 9, 11,
            12, 14, 13, 15, 20, 22, 21, 23,
        };
        assertArrayEquals(expected, col);
    }

    @Test
    void col2imRoutesPaddedCopiesToTheirSourcePixel() {
        // All-ones columns: each pixel receives the number of window taps that read it.
        Im2Col op = new Im2Col(ConvGeometry.builder(3).padding(2).paddingMode(PaddingMode.REFLECT).build(), 1,
                new int[] {4});
        float[] ones = new float[op.rows() * op.columns()];
        java.util.Arrays.fill(ones, 1f);
        float[] dx = new float[4];
        op.col2im(ones, 0, dx, 0);
        // Padded row: x2 x1 | x0 x1 x2 x3 | x2 x1, each of its 8 positions read by 1, 2, 3, 3, 3, 3, 2, 1 taps.
        assertArrayEquals(new float[] {3, 2 + 3 + 1, 1 + 3 + 2, 3}, dx);
    }

    /** col2im is the adjoint of im2col: {@code <im2col(x), c> = <x, col2im(c)>}, random geometries and offsets. */
    @Test
    void col2imIsTheAdjointOfIm2col() {
        Random rng = new Random(23);
        int checked = 0;
        while (checked < 60) {
            int dims = 1 + rng.nextInt(3);
            int[] kernel = new int[dims];
            int[] stride = new int[dims];
            int[] dilation = new int[dims];
            int[] spatial = new int[dims];
            int[] before = new int[dims];
            int[] after = new int[dims];
            for (int i = 0; i < dims; i++) {
                kernel[i] = 1 + rng.nextInt(3);
                stride[i] = 1 + rng.nextInt(3);
                dilation[i] = 1 + rng.nextInt(2);
                spatial[i] = 2 + rng.nextInt(6);
                before[i] = rng.nextInt(3);
                after[i] = rng.nextInt(3);
            }
            PaddingMode mode = PaddingMode.values()[checked % 4];
            Im2Col op;
            try {
                op = new Im2Col(ConvGeometry.builder(kernel).stride(stride).dilation(dilation)
                        .padding(Padding.of(before, after)).paddingMode(mode).build(), 2, spatial);
            } catch (IllegalArgumentException tooSmall) {
                continue;
            }
            int xOffset = rng.nextInt(3);
            int colOffset = rng.nextInt(3);
            int colSize = op.rows() * op.columns();
            float[] x = TestArrays.uniform(rng, xOffset + op.inputSize());
            float[] c = TestArrays.uniform(rng, colOffset + colSize);
            float[] col = new float[colOffset + colSize];
            op.im2col(x, xOffset, col, colOffset);
            float[] dx = new float[xOffset + op.inputSize()];
            op.col2im(c, colOffset, dx, xOffset);
            double lhs = 0;
            double scale = 0;
            for (int i = 0; i < colSize; i++) {
                lhs += (double) col[colOffset + i] * c[colOffset + i];
                scale += Math.abs((double) col[colOffset + i] * c[colOffset + i]);
            }
            double rhs = 0;
            for (int i = 0; i < op.inputSize(); i++) {
                rhs += (double) x[xOffset + i] * dx[xOffset + i];
            }
            assertEquals(lhs, rhs, 1e-6 * (1 + scale), mode + " " + java.util.Arrays.toString(spatial));
            for (int i = 0; i < xOffset; i++) {
                assertEquals(0f, dx[i], "col2im wrote before its offset");
            }
            checked++;
        }
    }
}
