package org.convspark.engine.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two Vector-API loops of {@link DirectConv}: a matrix product whose right operand's rows
 * are the same array read at shifted offsets ({@code in[off[j] + p]}), so the im2col matrix is
 * never written. Register tiles of 4 rows by 3 vectors (12 accumulators): measured 50-65 GFLOP/s
 * on LeNet's conv2 forward, where im2col and OpenBLAS on the 16 x 140 x 151 GEMMs reached 18
 * (conv2 now runs on {@link ChannelKernels} where a vector holds its 16 channels).
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present (see
 * {@link DirectConv#available()}): the JVM needs {@code --add-modules=jdk.incubator.vector}.
 */
final class ShiftKernels {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int LANES = SPECIES.length();
    /** Rows per register tile; callers pad row counts to a multiple of this. */
    static final int ROWS = 4;
    /** Positions per register tile (3 vectors); callers pad position counts to a multiple of this. */
    static final int SPAN = 3 * LANES;
    /** Right-operand rows per tile of {@link #weightGradient}; callers pad their count to a multiple of this. */
    static final int TAPS = 3;

    private ShiftKernels() {
    }

    /**
     * {@code out[outOffset + r * ldo + p] = bias[r] + sum_j a[r * k + j] * in[inOffset + off[j] + p]}
     * for {@code r < rows} (even; a last pair of rows goes through {@link #shiftedPair}) and
     * {@code p < span} (a multiple of {@link #SPAN}); {@code bias} null means zeros.
     */
    static void shifted(float[] a, int k, int rows, float[] bias, int[] off, float[] in, int inOffset,
                        float[] out, int outOffset, int ldo, int span) {
        int quads = rows - rows % ROWS;
        if (quads < rows) {
            shiftedPair(a, k, quads, bias, off, in, inOffset, out, outOffset, ldo, span);
        }
        for (int r = 0; r < quads; r += ROWS) {
            int a0 = r * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int p = 0; p < span; p += SPAN) {
                FloatVector c00 = start(bias, r);
                FloatVector c01 = c00;
                FloatVector c02 = c00;
                FloatVector c10 = start(bias, r + 1);
                FloatVector c11 = c10;
                FloatVector c12 = c10;
                FloatVector c20 = start(bias, r + 2);
                FloatVector c21 = c20;
                FloatVector c22 = c20;
                FloatVector c30 = start(bias, r + 3);
                FloatVector c31 = c30;
                FloatVector c32 = c30;
                for (int j = 0; j < k; j++) {
                    int o = inOffset + off[j] + p;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, in, o);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, in, o + LANES);
                    FloatVector x2 = FloatVector.fromArray(SPECIES, in, o + 2 * LANES);
                    FloatVector w = FloatVector.broadcast(SPECIES, a[a0 + j]);
                    c00 = x0.fma(w, c00);
                    c01 = x1.fma(w, c01);
                    c02 = x2.fma(w, c02);
                    w = FloatVector.broadcast(SPECIES, a[a1 + j]);
                    c10 = x0.fma(w, c10);
                    c11 = x1.fma(w, c11);
                    c12 = x2.fma(w, c12);
                    w = FloatVector.broadcast(SPECIES, a[a2 + j]);
                    c20 = x0.fma(w, c20);
                    c21 = x1.fma(w, c21);
                    c22 = x2.fma(w, c22);
                    w = FloatVector.broadcast(SPECIES, a[a3 + j]);
                    c30 = x0.fma(w, c30);
                    c31 = x1.fma(w, c31);
                    c32 = x2.fma(w, c32);
                }
                int o = outOffset + r * ldo + p;
                store(c00, c01, c02, out, o);
                store(c10, c11, c12, out, o + ldo);
                store(c20, c21, c22, out, o + 2 * ldo);
                store(c30, c31, c32, out, o + 3 * ldo);
            }
        }
    }

    /** Rows {@code r} and {@code r + 1} of {@link #shifted}: a layer of 6 channels would waste a third of a 4-row tile. */
    private static void shiftedPair(float[] a, int k, int r, float[] bias, int[] off, float[] in, int inOffset,
                                    float[] out, int outOffset, int ldo, int span) {
        int a0 = r * k;
        int a1 = a0 + k;
        for (int p = 0; p < span; p += SPAN) {
            FloatVector c00 = start(bias, r);
            FloatVector c01 = c00;
            FloatVector c02 = c00;
            FloatVector c10 = start(bias, r + 1);
            FloatVector c11 = c10;
            FloatVector c12 = c10;
            for (int j = 0; j < k; j++) {
                int o = inOffset + off[j] + p;
                FloatVector x0 = FloatVector.fromArray(SPECIES, in, o);
                FloatVector x1 = FloatVector.fromArray(SPECIES, in, o + LANES);
                FloatVector x2 = FloatVector.fromArray(SPECIES, in, o + 2 * LANES);
                FloatVector w = FloatVector.broadcast(SPECIES, a[a0 + j]);
                c00 = x0.fma(w, c00);
                c01 = x1.fma(w, c01);
                c02 = x2.fma(w, c02);
                w = FloatVector.broadcast(SPECIES, a[a1 + j]);
                c10 = x0.fma(w, c10);
                c11 = x1.fma(w, c11);
                c12 = x2.fma(w, c12);
            }
            int o = outOffset + r * ldo + p;
            store(c00, c01, c02, out, o);
            store(c10, c11, c12, out, o + ldo);
        }
    }

    /**
     * Lane-wise partial sums {@code acc[(r * k + j) * LANES + lane] += sum over p = lane (mod LANES)
     * of dy[dyOffset + r * ldd + p] * in[inOffset + off[j] + p]} for {@code r < rows} (a multiple
     * of 2; a last pair goes through {@link #weightGradientPair}), {@code j < k} (a multiple of {@link #TAPS}) and {@code p < span} (a
     * multiple of {@link #LANES}); the caller adds the lanes up once per batch. Accumulating per
     * sample in memory measured 20x faster than one tile's registers over the whole batch (C2 gave
     * up on the vectors there).
     */
    static void weightGradient(float[] dy, int dyOffset, int ldd, int rows, int[] off, int k, float[] in,
                               int inOffset, float[] acc, int span) {
        int step = k * LANES;
        int quads = rows - rows % ROWS;
        if (quads < rows) {
            weightGradientPair(dy, dyOffset, ldd, quads, off, k, in, inOffset, acc, span);
        }
        for (int r = 0; r < quads; r += ROWS) {
            int d0 = dyOffset + r * ldd;
            int d1 = d0 + ldd;
            int d2 = d1 + ldd;
            int d3 = d2 + ldd;
            for (int j = 0; j < k; j += TAPS) {
                int a0 = (r * k + j) * LANES;
                FloatVector c00 = FloatVector.fromArray(SPECIES, acc, a0);
                FloatVector c01 = FloatVector.fromArray(SPECIES, acc, a0 + LANES);
                FloatVector c02 = FloatVector.fromArray(SPECIES, acc, a0 + 2 * LANES);
                FloatVector c10 = FloatVector.fromArray(SPECIES, acc, a0 + step);
                FloatVector c11 = FloatVector.fromArray(SPECIES, acc, a0 + step + LANES);
                FloatVector c12 = FloatVector.fromArray(SPECIES, acc, a0 + step + 2 * LANES);
                FloatVector c20 = FloatVector.fromArray(SPECIES, acc, a0 + 2 * step);
                FloatVector c21 = FloatVector.fromArray(SPECIES, acc, a0 + 2 * step + LANES);
                FloatVector c22 = FloatVector.fromArray(SPECIES, acc, a0 + 2 * step + 2 * LANES);
                FloatVector c30 = FloatVector.fromArray(SPECIES, acc, a0 + 3 * step);
                FloatVector c31 = FloatVector.fromArray(SPECIES, acc, a0 + 3 * step + LANES);
                FloatVector c32 = FloatVector.fromArray(SPECIES, acc, a0 + 3 * step + 2 * LANES);
                int o0 = inOffset + off[j];
                int o1 = inOffset + off[j + 1];
                int o2 = inOffset + off[j + 2];
                for (int p = 0; p < span; p += LANES) {
                    FloatVector x0 = FloatVector.fromArray(SPECIES, in, o0 + p);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, in, o1 + p);
                    FloatVector x2 = FloatVector.fromArray(SPECIES, in, o2 + p);
                    FloatVector g = FloatVector.fromArray(SPECIES, dy, d0 + p);
                    c00 = x0.fma(g, c00);
                    c01 = x1.fma(g, c01);
                    c02 = x2.fma(g, c02);
                    g = FloatVector.fromArray(SPECIES, dy, d1 + p);
                    c10 = x0.fma(g, c10);
                    c11 = x1.fma(g, c11);
                    c12 = x2.fma(g, c12);
                    g = FloatVector.fromArray(SPECIES, dy, d2 + p);
                    c20 = x0.fma(g, c20);
                    c21 = x1.fma(g, c21);
                    c22 = x2.fma(g, c22);
                    g = FloatVector.fromArray(SPECIES, dy, d3 + p);
                    c30 = x0.fma(g, c30);
                    c31 = x1.fma(g, c31);
                    c32 = x2.fma(g, c32);
                }
                store(c00, c01, c02, acc, a0);
                store(c10, c11, c12, acc, a0 + step);
                store(c20, c21, c22, acc, a0 + 2 * step);
                store(c30, c31, c32, acc, a0 + 3 * step);
            }
        }
    }

    /** Rows {@code r} and {@code r + 1} of {@link #weightGradient}. */
    private static void weightGradientPair(float[] dy, int dyOffset, int ldd, int r, int[] off, int k, float[] in,
                                           int inOffset, float[] acc, int span) {
        int step = k * LANES;
        int d0 = dyOffset + r * ldd;
        int d1 = d0 + ldd;
        for (int j = 0; j < k; j += TAPS) {
            int a0 = (r * k + j) * LANES;
            FloatVector c00 = FloatVector.fromArray(SPECIES, acc, a0);
            FloatVector c01 = FloatVector.fromArray(SPECIES, acc, a0 + LANES);
            FloatVector c02 = FloatVector.fromArray(SPECIES, acc, a0 + 2 * LANES);
            FloatVector c10 = FloatVector.fromArray(SPECIES, acc, a0 + step);
            FloatVector c11 = FloatVector.fromArray(SPECIES, acc, a0 + step + LANES);
            FloatVector c12 = FloatVector.fromArray(SPECIES, acc, a0 + step + 2 * LANES);
            int o0 = inOffset + off[j];
            int o1 = inOffset + off[j + 1];
            int o2 = inOffset + off[j + 2];
            for (int p = 0; p < span; p += LANES) {
                FloatVector x0 = FloatVector.fromArray(SPECIES, in, o0 + p);
                FloatVector x1 = FloatVector.fromArray(SPECIES, in, o1 + p);
                FloatVector x2 = FloatVector.fromArray(SPECIES, in, o2 + p);
                FloatVector g = FloatVector.fromArray(SPECIES, dy, d0 + p);
                c00 = x0.fma(g, c00);
                c01 = x1.fma(g, c01);
                c02 = x2.fma(g, c02);
                g = FloatVector.fromArray(SPECIES, dy, d1 + p);
                c10 = x0.fma(g, c10);
                c11 = x1.fma(g, c11);
                c12 = x2.fma(g, c12);
            }
            store(c00, c01, c02, acc, a0);
            store(c10, c11, c12, acc, a0 + step);
        }
    }

    /**
     * Lane-wise partial sums {@code acc[r * LANES + lane] += sum over p = lane (mod LANES) of
     * m[offset + r * ld + p]} for {@code r < rows} and {@code p < span} (a multiple of
     * {@link #LANES}): the bias gradient. A scalar sum is one dependent add per float (it took a
     * third of LeNet conv1's backward).
     */
    static void rowSums(float[] m, int offset, int ld, int rows, int span, float[] acc) {
        for (int r = 0; r < rows; r++) {
            FloatVector sum = FloatVector.fromArray(SPECIES, acc, r * LANES);
            int row = offset + r * ld;
            for (int p = 0; p < span; p += LANES) {
                sum = sum.add(FloatVector.fromArray(SPECIES, m, row + p));
            }
            sum.intoArray(acc, r * LANES);
        }
    }

    private static FloatVector start(float[] bias, int r) {
        return FloatVector.broadcast(SPECIES, bias == null ? 0f : bias[r]);
    }

    private static void store(FloatVector v0, FloatVector v1, FloatVector v2, float[] out, int o) {
        v0.intoArray(out, o);
        v1.intoArray(out, o + LANES);
        v2.intoArray(out, o + 2 * LANES);
    }
}
