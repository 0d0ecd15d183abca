package org.convspark.engine.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two Vector-API loops of {@link DirectConv}: a matrix product whose right operand's rows
 * are the same array read at shifted offsets ({@code in[off[j] + p]}), so the im2col matrix is
 * never written. The product runs in register tiles of 8 rows by 2 vectors (16 accumulators,
 * weights packed per tile by {@link #pack}): 194 GFLOP/s forward on a 64->64 3x3 layer at
 * 32x32 (batch 32, one thread), where im2col and OpenBLAS on its AVX-512 kernel reached 149 (same
 * run). The weight gradient keeps 4 rows by 3 taps (12 accumulators) over up to 16 samples in one
 * flat loop: C2 (JDK 17) kept neither 24 accumulators (8 rows), nor 16 (4 rows by 4 taps, whose
 * loop also carries four input offsets), nor nested sample and position loops in registers, and ran
 * those 10-20x slower (boxed vectors): measure any change of tile here.
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
    /** Positions per register tile of {@link #shifted} (2 vectors); callers pad position counts to a multiple of this. */
    static final int SPAN = 2 * LANES;
    /** Right-operand rows per tile of {@link #weightGradient}; callers pad their count to a multiple of this. */
    static final int TAPS = 3;

    private ShiftKernels() {
    }

    /**
     * {@code out[outOffset + r * ldo + p] = bias[r] + sum_j A[r][j] * in[inOffset + off[j] + p]}
     * for {@code r < rows} (even) and {@code p < span} (a multiple of {@link #SPAN}); {@code bias}
     * null means zeros. Rows go in tiles of 8, then 4, then 2, and {@code a} holds {@code A} as
     * {@link #pack} lays it out for those tiles.
     */
    static void shifted(float[] a, int k, int rows, float[] bias, int[] off, float[] in, int inOffset,
                        float[] out, int outOffset, int ldo, int span) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            shiftedOctet(a, k, r, bias, off, in, inOffset, out, outOffset, ldo, span);
        }
        for (; r + 4 <= rows; r += 4) {
            shiftedQuad(a, k, r, bias, off, in, inOffset, out, outOffset, ldo, span);
        }
        if (r < rows) {
            shiftedPair(a, k, r, bias, off, in, inOffset, out, outOffset, ldo, span);
        }
    }

    /**
     * {@code A} ({@code rows x k}, row-major at {@code a[from...]}) into {@code packed} as {@link
     * #shifted} reads it: each tile of {@code h} rows (8, then 4, then 2) starting at row {@code r}
     * holds {@code A[r + i][j]} at {@code r * k + j * h + i}, so a tile's weights for one tap are
     * consecutive (one induction variable, no per-row bounds checks in the loop).
     */
    static void pack(float[] a, int from, int rows, int k, float[] packed) {
        int r = 0;
        while (r < rows) {
            int h = r + 8 <= rows ? 8 : r + 4 <= rows ? 4 : 2;
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < k; j++) {
                    packed[r * k + j * h + i] = a[from + (r + i) * k + j];
                }
            }
            r += h;
        }
    }

    /**
     * Rows {@code r .. r + 7}: 8 rows by 2 vectors, 16 accumulators, 10 loads per 16 multiply-adds
     * (the 4 by 3 tile took 7 per 12 and rounded spans up to 48 positions, half of a 7x7 plane's).
     */
    private static void shiftedOctet(float[] a, int k, int r, float[] bias, int[] off, float[] in, int inOffset,
                                     float[] out, int outOffset, int ldo, int span) {
        int a0 = r * k;
        for (int p = 0; p < span; p += SPAN) {
            FloatVector c00 = start(bias, r);
            FloatVector c01 = c00;
            FloatVector c10 = start(bias, r + 1);
            FloatVector c11 = c10;
            FloatVector c20 = start(bias, r + 2);
            FloatVector c21 = c20;
            FloatVector c30 = start(bias, r + 3);
            FloatVector c31 = c30;
            FloatVector c40 = start(bias, r + 4);
            FloatVector c41 = c40;
            FloatVector c50 = start(bias, r + 5);
            FloatVector c51 = c50;
            FloatVector c60 = start(bias, r + 6);
            FloatVector c61 = c60;
            FloatVector c70 = start(bias, r + 7);
            FloatVector c71 = c70;
            for (int j = 0, w = a0; j < k; j++, w += 8) {
                int o = inOffset + off[j] + p;
                FloatVector x0 = FloatVector.fromArray(SPECIES, in, o);
                FloatVector x1 = FloatVector.fromArray(SPECIES, in, o + LANES);
                FloatVector b = FloatVector.broadcast(SPECIES, a[w]);
                c00 = x0.fma(b, c00);
                c01 = x1.fma(b, c01);
                b = FloatVector.broadcast(SPECIES, a[w + 1]);
                c10 = x0.fma(b, c10);
                c11 = x1.fma(b, c11);
                b = FloatVector.broadcast(SPECIES, a[w + 2]);
                c20 = x0.fma(b, c20);
                c21 = x1.fma(b, c21);
                b = FloatVector.broadcast(SPECIES, a[w + 3]);
                c30 = x0.fma(b, c30);
                c31 = x1.fma(b, c31);
                b = FloatVector.broadcast(SPECIES, a[w + 4]);
                c40 = x0.fma(b, c40);
                c41 = x1.fma(b, c41);
                b = FloatVector.broadcast(SPECIES, a[w + 5]);
                c50 = x0.fma(b, c50);
                c51 = x1.fma(b, c51);
                b = FloatVector.broadcast(SPECIES, a[w + 6]);
                c60 = x0.fma(b, c60);
                c61 = x1.fma(b, c61);
                b = FloatVector.broadcast(SPECIES, a[w + 7]);
                c70 = x0.fma(b, c70);
                c71 = x1.fma(b, c71);
            }
            int o = outOffset + r * ldo + p;
            store(c00, c01, out, o);
            store(c10, c11, out, o + ldo);
            store(c20, c21, out, o + 2 * ldo);
            store(c30, c31, out, o + 3 * ldo);
            store(c40, c41, out, o + 4 * ldo);
            store(c50, c51, out, o + 5 * ldo);
            store(c60, c61, out, o + 6 * ldo);
            store(c70, c71, out, o + 7 * ldo);
        }
    }

    /** Rows {@code r .. r + 3} of {@link #shifted}. */
    private static void shiftedQuad(float[] a, int k, int r, float[] bias, int[] off, float[] in, int inOffset,
                                    float[] out, int outOffset, int ldo, int span) {
        int a0 = r * k;
        for (int p = 0; p < span; p += SPAN) {
            FloatVector c00 = start(bias, r);
            FloatVector c01 = c00;
            FloatVector c10 = start(bias, r + 1);
            FloatVector c11 = c10;
            FloatVector c20 = start(bias, r + 2);
            FloatVector c21 = c20;
            FloatVector c30 = start(bias, r + 3);
            FloatVector c31 = c30;
            for (int j = 0, w = a0; j < k; j++, w += 4) {
                int o = inOffset + off[j] + p;
                FloatVector x0 = FloatVector.fromArray(SPECIES, in, o);
                FloatVector x1 = FloatVector.fromArray(SPECIES, in, o + LANES);
                FloatVector b = FloatVector.broadcast(SPECIES, a[w]);
                c00 = x0.fma(b, c00);
                c01 = x1.fma(b, c01);
                b = FloatVector.broadcast(SPECIES, a[w + 1]);
                c10 = x0.fma(b, c10);
                c11 = x1.fma(b, c11);
                b = FloatVector.broadcast(SPECIES, a[w + 2]);
                c20 = x0.fma(b, c20);
                c21 = x1.fma(b, c21);
                b = FloatVector.broadcast(SPECIES, a[w + 3]);
                c30 = x0.fma(b, c30);
                c31 = x1.fma(b, c31);
            }
            int o = outOffset + r * ldo + p;
            store(c00, c01, out, o);
            store(c10, c11, out, o + ldo);
            store(c20, c21, out, o + 2 * ldo);
            store(c30, c31, out, o + 3 * ldo);
        }
    }

    /** Rows {@code r} and {@code r + 1} of {@link #shifted}: a layer of 6 channels would waste a third of a 4-row tile. */
    private static void shiftedPair(float[] a, int k, int r, float[] bias, int[] off, float[] in, int inOffset,
                                    float[] out, int outOffset, int ldo, int span) {
        int a0 = r * k;
        for (int p = 0; p < span; p += SPAN) {
            FloatVector c00 = start(bias, r);
            FloatVector c01 = c00;
            FloatVector c10 = start(bias, r + 1);
            FloatVector c11 = c10;
            for (int j = 0, w = a0; j < k; j++, w += 2) {
                int o = inOffset + off[j] + p;
                FloatVector x0 = FloatVector.fromArray(SPECIES, in, o);
                FloatVector x1 = FloatVector.fromArray(SPECIES, in, o + LANES);
                FloatVector b = FloatVector.broadcast(SPECIES, a[w]);
                c00 = x0.fma(b, c00);
                c01 = x1.fma(b, c01);
                b = FloatVector.broadcast(SPECIES, a[w + 1]);
                c10 = x0.fma(b, c10);
                c11 = x1.fma(b, c11);
            }
            int o = outOffset + r * ldo + p;
            store(c00, c01, out, o);
            store(c10, c11, out, o + ldo);
        }
    }

    /**
     * Lane-wise partial sums {@code acc[(r * k + j) * LANES + lane] += sum over samples s and p = lane
     * (mod LANES) of dy[dyOffset + s * dySample + r * ldd + p] * in[inOffset + s * inSample + off[j] + p]}
     * for {@code s < samples}, {@code r < rows} (a multiple of 2; a last pair goes through {@link
     * #weightGradientPair}), {@code j < k} (a multiple of {@link #TAPS}) and {@code p < span} (a
     * multiple of {@link #LANES}); the caller adds the lanes up once per batch.
     */
    static void weightGradient(float[] dy, int dyOffset, int ldd, int dySample, int rows, int[] off, int k,
                               float[] in, int inOffset, int inSample, int samples, float[] acc, int span) {
        int step = k * LANES;
        int iterations = samples * (span / LANES);
        int quads = rows - rows % ROWS;
        if (quads < rows) {
            weightGradientPair(dy, dyOffset, ldd, dySample, quads, off, k, in, inOffset, inSample, samples, acc, span);
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
                // One flat loop over (sample, position): C2 keeps the accumulators in registers
                // only in a single loop (nested sample and position loops ran 20x slower).
                int o0 = inOffset + off[j];
                int o1 = inOffset + off[j + 1];
                int o2 = inOffset + off[j + 2];
                int e0 = d0;
                int p = 0;
                for (int it = 0; it < iterations; it++) {
                    FloatVector x0 = FloatVector.fromArray(SPECIES, in, o0 + p);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, in, o1 + p);
                    FloatVector x2 = FloatVector.fromArray(SPECIES, in, o2 + p);
                    FloatVector g = FloatVector.fromArray(SPECIES, dy, e0 + p);
                    c00 = x0.fma(g, c00);
                    c01 = x1.fma(g, c01);
                    c02 = x2.fma(g, c02);
                    g = FloatVector.fromArray(SPECIES, dy, e0 + ldd + p);
                    c10 = x0.fma(g, c10);
                    c11 = x1.fma(g, c11);
                    c12 = x2.fma(g, c12);
                    g = FloatVector.fromArray(SPECIES, dy, e0 + 2 * ldd + p);
                    c20 = x0.fma(g, c20);
                    c21 = x1.fma(g, c21);
                    c22 = x2.fma(g, c22);
                    g = FloatVector.fromArray(SPECIES, dy, e0 + 3 * ldd + p);
                    c30 = x0.fma(g, c30);
                    c31 = x1.fma(g, c31);
                    c32 = x2.fma(g, c32);
                    p += LANES;
                    if (p == span) {
                        p = 0;
                        o0 += inSample;
                        o1 += inSample;
                        o2 += inSample;
                        e0 += dySample;
                    }
                }
                store(c00, c01, c02, acc, a0);
                store(c10, c11, c12, acc, a0 + step);
                store(c20, c21, c22, acc, a0 + 2 * step);
                store(c30, c31, c32, acc, a0 + 3 * step);
            }
        }
    }

    /** Rows {@code r} and {@code r + 1} of {@link #weightGradient}. */
    private static void weightGradientPair(float[] dy, int dyOffset, int ldd, int dySample, int r, int[] off, int k,
                                           float[] in, int inOffset, int inSample, int samples, float[] acc, int span) {
        int step = k * LANES;
        int iterations = samples * (span / LANES);
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
            int e0 = d0;
            int p = 0;
            for (int it = 0; it < iterations; it++) {
                FloatVector x0 = FloatVector.fromArray(SPECIES, in, o0 + p);
                FloatVector x1 = FloatVector.fromArray(SPECIES, in, o1 + p);
                FloatVector x2 = FloatVector.fromArray(SPECIES, in, o2 + p);
                FloatVector g = FloatVector.fromArray(SPECIES, dy, e0 + p);
                c00 = x0.fma(g, c00);
                c01 = x1.fma(g, c01);
                c02 = x2.fma(g, c02);
                g = FloatVector.fromArray(SPECIES, dy, e0 + ldd + p);
                c10 = x0.fma(g, c10);
                c11 = x1.fma(g, c11);
                c12 = x2.fma(g, c12);
                p += LANES;
                if (p == span) {
                    p = 0;
                    o0 += inSample;
                    o1 += inSample;
                    o2 += inSample;
                    e0 += dySample;
                }
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

    private static void store(FloatVector v0, FloatVector v1, float[] out, int o) {
        v0.intoArray(out, o);
        v1.intoArray(out, o + LANES);
    }

    private static void store(FloatVector v0, FloatVector v1, FloatVector v2, float[] out, int o) {
        v0.intoArray(out, o);
        v1.intoArray(out, o + LANES);
        v2.intoArray(out, o + 2 * LANES);
    }
}
