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
 * im2col and col2im equal a nested-loop reference element for element on the swept path (stride
 * 1, output as wide as the input) and the run-wise one, in every padding mode and 1-3 dimensions;
 * and a sample written beside others into a wider matrix equals the sample alone.
 */
class Im2ColPathsTest {

    @Test
    void sweptAndRunWisePathsEqualNestedLoops() {
        Random rng = new Random(77);
        int swept = 0;
        int runWise = 0;
        for (int trial = 0; trial < 300; trial++) {
            Case c = Case.draw(rng, trial % 2 == 0);
            if (c == null) {
                continue;
            }
            boolean sameWidth = c.geometry.stride(c.dims() - 1) == 1 && c.op.columns() > 0
                    && c.geometry.outputSize(c.dims() - 1, c.spatial[c.dims() - 1]) == c.spatial[c.dims() - 1];
            if (sameWidth && (c.dims() == 1 || c.geometry.stride(c.dims() - 2) == 1)) {
                swept++;
            } else {
                runWise++;
            }
            // Small integers: every sum col2im forms is exact, so any order of accumulation agrees.
            float[] x = TestArrays.integers(rng, c.op.inputSize(), 4);
            float[] col = new float[c.op.rows() * c.op.columns()];
            c.op.im2col(x, 0, col, 0);
            assertArrayEquals(c.referenceIm2col(x), col, c + " im2col");
            float[] back = TestArrays.integers(rng, col.length, 4);
            float[] dx = TestArrays.integers(rng, x.length, 4);
            float[] expected = c.referenceCol2im(back, dx.clone());
            c.op.col2im(back, 0, dx, 0);
            assertArrayEquals(expected, dx, c + " col2im");
        }
        assertTrue(swept >= 60 && runWise >= 60, "swept " + swept + ", run-wise " + runWise);
    }

    @Test
    void aSampleBesideOthersEqualsTheSampleAlone() {
        Random rng = new Random(78);
        for (int trial = 0; trial < 80; trial++) {
            Case c = Case.draw(rng, trial % 2 == 0);
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

    @Test
    void aRowStrideNarrowerThanTheColumnsIsRefused() {
        Im2Col op = new Im2Col(ConvGeometry.builder(3, 3).padding(1).build(), 2, new int[] {5, 5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> op.im2col(new float[50], 0, new float[18 * 25], 0, 24));
        assertTrue(e.getMessage().contains("24") && e.getMessage().contains("25"), e.getMessage());
    }

    /** A random geometry, half of them stride-1 with the input's width (the swept path). */
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

        static Case draw(Random rng, boolean sameWidth) {
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
                stride[i] = sameWidth ? 1 : 1 + rng.nextInt(3);
                int span = dilation[i] * (kernel[i] - 1);
                before[i] = sameWidth ? rng.nextInt(span + 1) : rng.nextInt(3);
                after[i] = sameWidth ? span - before[i] : rng.nextInt(3);
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
            int plane = 1;
            for (int n : spatial) {
                plane *= n;
            }
            for (int c = 0; c < channels; c++) {
                for (int tap = 0; tap < kernelVolume; tap++) {
                    for (int position = 0; position < columns; position++) {
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
                        visit.at((c * kernelVolume + tap) * columns + position, xIndex < 0 ? -1 : c * plane + xIndex);
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
