package org.convspark.engine.im2col;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.testing.ReferencePadding;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * im2col and col2im equal a nested-loop reference element for element on the swept paths (stride
 * 1 with the output as wide as the input, or with no width padding and slack columns) and the
 * run-wise one, in every padding mode and 1-3 dimensions (slack written finite, read back as
 * the zeros it must hold); and a sample written beside others into a wider matrix equals the sample alone.
 */
class Im2ColPathsTest {

    @Test
    void sweptAndRunWisePathsEqualNestedLoops() {
        Random rng = new Random(77);
        int swept = 0;
        int slack = 0;
        int runWise = 0;
        for (int trial = 0; trial < 450; trial++) {
            Case c = Case.draw(rng, Kind.values()[trial % 3]);
            if (c == null) {
                continue;
            }
            int last = c.dims() - 1;
            boolean stride1 = c.geometry.stride(last) == 1 && (last == 0 || c.geometry.stride(last - 1) == 1);
            if (c.op.hasSlack()) {
                slack++;
            } else if (stride1 && c.geometry.outputSize(last, c.spatial[last]) == c.spatial[last]) {
                swept++;
            } else {
                runWise++;
            }
            // Small integers: every sum col2im forms is exact, so any order of accumulation agrees.
            float[] x = TestArrays.integers(rng, c.op.inputSize(), 4);
            float[] col = new float[c.op.rows() * c.op.columns()];
            c.op.im2col(x, 0, col, 0);
            for (float v : col) {
                assertTrue(Float.isFinite(v), c + " im2col wrote " + v);
            }
            c.markSlack(col, 0f);
            assertArrayEquals(c.referenceIm2col(x), col, c + " im2col (slack aside)");
            float[] back = TestArrays.integers(rng, col.length, 4);
            float[] dx = TestArrays.integers(rng, x.length, 4);
            c.markSlack(back, 0f);
            float[] expected = c.referenceCol2im(back, dx.clone());
            c.op.col2im(back, 0, dx, 0);
            assertArrayEquals(expected, dx, c + " col2im");
        }
        assertTrue(swept >= 60 && slack >= 60 && runWise >= 60,
                "swept " + swept + ", with slack " + slack + ", run-wise " + runWise);
    }

    @Test
    void slackColumnsAppearOnlyForStride1LayersWithoutWidthPaddingNarrowerThanTheInput() {
        Im2Col valid = new Im2Col(ConvGeometry.builder(5, 5).build(), 6, new int[] {14, 14});
        assertEquals(100, valid.positions());
        assertEquals(10 * 14, valid.columns());
        Im2Col same = new Im2Col(ConvGeometry.builder(5, 5).padding(2).build(), 1, new int[] {28, 28});
        assertEquals(784, same.columns());
        Im2Col strided = new Im2Col(ConvGeometry.builder(3, 3).stride(2, 2).build(), 2, new int[] {9, 9});
        assertEquals(16, strided.columns());
    }

    @Test
    void planesRoundTripThroughTheColumnLayoutWithZeroSlack() {
        Random rng = new Random(79);
        Im2Col op = new Im2Col(ConvGeometry.builder(2, 3, 2).dilation(1, 2, 1).build(), 1, new int[] {3, 7, 5});
        assertTrue(op.hasSlack());
        int rows = 3;
        int ld = op.columns() + 2;
        float[] planes = TestArrays.uniform(rng, rows * op.positions() + 1);
        float[] matrix = new float[1 + rows * ld];
        Arrays.fill(matrix, Float.NaN);
        op.fromPlanes(planes, 1, rows, matrix, 1, ld);
        float[] back = new float[rows * op.positions() + 1];
        op.toPlanes(matrix, 1, ld, rows, back, 1);
        assertArrayEquals(Arrays.copyOfRange(planes, 1, planes.length), Arrays.copyOfRange(back, 1, back.length));
        // Output rows are 5 - 1 = 4 wide in rows of 5: every fifth column is slack, and zero.
        for (int r = 0; r < rows; r++) {
            for (int i = 4; i < op.columns(); i += 5) {
                assertEquals(0f, matrix[1 + r * ld + i], "slack column " + i + " of row " + r);
            }
        }
    }

    @Test
    void aSampleBesideOthersEqualsTheSampleAlone() {
        Random rng = new Random(78);
        for (int trial = 0; trial < 80; trial++) {
            Case c = Case.draw(rng, Kind.values()[trial % 3]);
            if (c == null) {
                continue;
            }
            int samples = 1 + rng.nextInt(3);
            int slot = rng.nextInt(samples);
            int ld = samples * c.op.columns() + rng.nextInt(3);
            int offset = rng.nextInt(4);
            float[] x = TestArrays.uniform(rng, c.op.inputSize() + 2);
            float[] alone = new float[c.op.rows() * c.op.columns()];
            c.op.im2col(x, 2, alone, 0);
            float[] wide = new float[offset + c.op.rows() * ld];
            Arrays.fill(wide, Float.NaN);
            c.op.im2col(x, 2, wide, offset + slot * c.op.columns(), ld);
            for (int r = 0; r < c.op.rows(); r++) {
                int start = offset + r * ld + slot * c.op.columns();
                assertArrayEquals(Arrays.copyOfRange(alone, r * c.op.columns(), (r + 1) * c.op.columns()),
                        Arrays.copyOfRange(wide, start, start + c.op.columns()), c + " row " + r);
            }
            long written = 0;
            for (float v : wide) {
                written += Float.isNaN(v) ? 0 : 1;
            }
            assertEquals((long) c.op.rows() * c.op.columns(), written, c + ": wrote outside its columns");

            for (int i = 0; i < wide.length; i++) {
                wide[i] = Float.isNaN(wide[i]) ? 1e30f : wide[i];
            }
            float[] fromAlone = new float[c.op.inputSize()];
            c.op.col2im(alone, 0, fromAlone, 0);
            float[] fromWide = new float[c.op.inputSize()];
            c.op.col2im(wide, offset + slot * c.op.columns(), ld, fromWide, 0);
            assertArrayEquals(fromAlone, fromWide, c + " col2im");
        }
    }

    /** A sample cut into ranges of output rows (tiles) gives the whole sample's columns and gradient. */
    @Test
    void rangesOfOutputRowsMakeUpTheWholeSample() {
        Random rng = new Random(80);
        int tiled = 0;
        for (int trial = 0; trial < 300; trial++) {
            Case c = Case.draw(rng, Kind.values()[trial % 3]);
            if (c == null || c.op.runs() < 2) {
                continue;
            }
            tiled++;
            float[] x = TestArrays.integers(rng, c.op.inputSize(), 4);
            float[] whole = new float[c.op.rows() * c.op.columns()];
            c.op.im2col(x, 0, whole, 0);
            c.markSlack(whole, 0f);
            float[] back = TestArrays.integers(rng, whole.length, 4);
            c.markSlack(back, 0f);
            float[] dxWhole = new float[x.length];
            c.op.col2im(back, 0, dxWhole, 0);
            float[] planes = TestArrays.uniform(rng, c.op.rows() * c.op.positions());

            float[] pieces = new float[whole.length];
            float[] dxPieces = new float[x.length];
            float[] planesBack = new float[planes.length];
            for (int begin = 0, end; begin < c.op.runs(); begin = end) {
                end = Math.min(c.op.runs(), begin + 1 + rng.nextInt(3));
                int width = c.op.columns(begin, end);
                int ld = width + rng.nextInt(2);
                float[] tile = new float[c.op.rows() * ld];
                c.op.im2col(x, 0, tile, 0, ld, begin, end);
                float[] tileBack = new float[tile.length];
                float[] tileMatrix = new float[tile.length];
                c.op.fromPlanes(planes, 0, c.op.rows(), tileMatrix, 0, ld, begin, end);
                c.op.toPlanes(tileMatrix, 0, ld, c.op.rows(), planesBack, 0, begin, end);
                for (int r = 0; r < c.op.rows(); r++) {
                    int at = r * c.op.columns() + c.op.columns(0, begin);
                    System.arraycopy(tile, r * ld, pieces, at, width);
                    System.arraycopy(back, at, tileBack, r * ld, width);
                }
                c.op.col2im(tileBack, 0, ld, dxPieces, 0, begin, end);
            }
            c.markSlack(pieces, 0f);
            assertArrayEquals(whole, pieces, c + " im2col by ranges");
            assertArrayEquals(dxWhole, dxPieces, c + " col2im by ranges");
            assertArrayEquals(planes, planesBack, c + " planes by ranges");
        }
        assertTrue(tiled >= 100, "tiled " + tiled);
    }

    @Test
    void aRowStrideNarrowerThanTheColumnsIsRefused() {
        Im2Col op = new Im2Col(ConvGeometry.builder(3, 3).padding(1).build(), 2, new int[] {5, 5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> op.im2col(new float[50], 0, new float[18 * 25], 0, 24));
        assertTrue(e.getMessage().contains("24") && e.getMessage().contains("25"), e.getMessage());
    }

    /** What a drawn geometry aims at: the output as wide as the input, slack columns, or anything. */
    private enum Kind { SAME_WIDTH, NO_WIDTH_PADDING, ANY }

    /** A random geometry of a {@link Kind}. */
    private static final class Case {
        final ConvGeometry geometry;
        final int channels;
        final int[] spatial;
        final Im2Col op;

        private Case(ConvGeometry geometry, int channels, int[] spatial) {
            this.geometry = geometry;
            this.channels = channels;
            this.spatial = spatial;
            this.op = new Im2Col(geometry, channels, spatial);
        }

        static Case draw(Random rng, Kind kind) {
            boolean sameWidth = kind == Kind.SAME_WIDTH;
            boolean stride1 = kind != Kind.ANY;
            int dims = 1 + rng.nextInt(3);
            int[] kernel = new int[dims];
            int[] stride = new int[dims];
            int[] dilation = new int[dims];
            int[] spatial = new int[dims];
            int[] before = new int[dims];
            int[] after = new int[dims];
            for (int i = 0; i < dims; i++) {
                kernel[i] = 1 + rng.nextInt(3);
                dilation[i] = 1 + rng.nextInt(2);
                spatial[i] = 2 + rng.nextInt(dims == 3 ? 4 : 7);
                stride[i] = stride1 ? 1 : 1 + rng.nextInt(3);
                int span = dilation[i] * (kernel[i] - 1);
                before[i] = sameWidth ? rng.nextInt(span + 1) : rng.nextInt(3);
                after[i] = sameWidth ? span - before[i] : rng.nextInt(3);
            }
            if (kind == Kind.NO_WIDTH_PADDING) {
                before[dims - 1] = 0;
                after[dims - 1] = 0;
                kernel[dims - 1] = Math.max(2, kernel[dims - 1]);
            }
            PaddingMode mode = PaddingMode.values()[rng.nextInt(4)];
            try {
                return new Case(ConvGeometry.builder(kernel).stride(stride).dilation(dilation)
                        .padding(Padding.of(before, after)).paddingMode(mode).build(), 1 + rng.nextInt(3), spatial);
            } catch (IllegalArgumentException tooSmallForThisKernelOrPad) {
                return null;
            }
        }

        int dims() {
            return spatial.length;
        }

        /** Column-matrix floats per output row: the output width, plus slack. */
        int rowStride() {
            int outW = geometry.outputSize(dims() - 1, spatial[dims() - 1]);
            return op.columns() / (op.positions() / outW);
        }

        /** Sets every slack entry of a column matrix to {@code value}. */
        void markSlack(float[] col, float value) {
            int outW = geometry.outputSize(dims() - 1, spatial[dims() - 1]);
            for (int i = 0; i < col.length; i++) {
                if (i % op.columns() % rowStride() >= outW) {
                    col[i] = value;
                }
            }
        }

        /** The column matrix, slack zero. */
        float[] referenceIm2col(float[] x) {
            float[] col = new float[op.rows() * op.columns()];
            walk((colIndex, xIndex) -> col[colIndex] = xIndex < 0 ? 0f : x[xIndex]);
            return col;
        }

        float[] referenceCol2im(float[] col, float[] dx) {
            walk((colIndex, xIndex) -> {
                if (xIndex >= 0) {
                    dx[xIndex] += col[colIndex];
                }
            });
            return dx;
        }

        interface Visit {
            void at(int colIndex, int xIndex);
        }

        /** Every (row, column) of the column matrix with the input index it reads (-1: zero). */
        private void walk(Visit visit) {
            int dims = dims();
            int[] out = geometry.outputSpatial(spatial);
            int kernelVolume = geometry.kernelVolume();
            int columns = op.columns();
            int outW = out[dims - 1];
            int rowStride = rowStride();
            int plane = 1;
            for (int n : spatial) {
                plane *= n;
            }
            for (int c = 0; c < channels; c++) {
                for (int tap = 0; tap < kernelVolume; tap++) {
                    for (int position = 0; position < op.positions(); position++) {
                        int xIndex = 0;
                        int t = tap;
                        int o = position;
                        int scale = 1;
                        for (int i = dims - 1; i >= 0 && xIndex >= 0; i--) {
                            int ti = t % geometry.kernel(i);
                            int oi = o % out[i];
                            t /= geometry.kernel(i);
                            o /= out[i];
                            int pos = oi * geometry.stride(i) - geometry.padBefore(i) + ti * geometry.dilation(i);
                            int s = ReferencePadding.map(geometry.paddingMode(), pos, spatial[i]);
                            xIndex = s < 0 ? -1 : xIndex + s * scale;
                            scale *= spatial[i];
                        }
                        int column = position / outW * rowStride + position % outW;
                        visit.at((c * kernelVolume + tap) * columns + column, xIndex < 0 ? -1 : c * plane + xIndex);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return geometry + " channels " + channels + " input " + Arrays.toString(spatial);
        }
    }
}
