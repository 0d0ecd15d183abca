package org.convspark.engine.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DirectConv}'s forward and weight-gradient loops for layers with exactly one vector of
 * output channels (16 on AVX-512: LeNet's conv2) and kernels {@value #KERNEL_WIDTH} wide: the
 * lanes are the output channels, so every vector holds useful values, where {@link ShiftKernels}
 * spreads output positions over the lanes and computes the {@code Wp - OW} slack columns of each
 * row too (conv2: 144 positions for 100).
 *
 * <p>Each input value is broadcast once per kernel row and used against the weight (or upstream
 * gradient) vectors of all {@value #KERNEL_WIDTH} columns it meets: broadcasting per
 * multiply-add ran no faster than {@link ShiftKernels} (the broadcasts, not the FMAs, were the
 * bottleneck). Inputs are {@link DirectConv}'s padded planes read at its per-tap shifts; the
 * channel vectors are channels-last ({@code [position][lane]}), which the caller transposes.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class ChannelKernels {
    static final VectorSpecies<Float> SPECIES = ShiftKernels.SPECIES;
    static final int LANES = ShiftKernels.LANES;
    /** The only kernel width served: the unrolled loops below are written for it. */
    static final int KERNEL_WIDTH = 5;
    /**
     * Output positions per register tile (ten accumulators hide the FMA latency); LeNet conv2's
     * rows (10 wide) are one tile.
     */
    static final int POSITIONS = 10;
    /** Input columns one tile of {@link #POSITIONS} reads. */
    static final int SPAN = POSITIONS + KERNEL_WIDTH - 1;

    private ChannelKernels() {
    }

    /**
     * One output row: {@code out[(outAt + t) * LANES + lane] = bias[lane] + sum_j w[j * LANES + lane]
     * * in[inAt + off[j] + t]} for {@code t < width} rounded up to {@link #POSITIONS}, with taps
     * {@code j < k} in kernel rows of {@link #KERNEL_WIDTH} ({@code off[j + b] = off[j] + b}). The
     * caller leaves room for the positions past {@code width} (which the next row overwrites) and
     * for the reads they make.
     */
    static void forwardRow(float[] w, int k, int[] off, float[] in, int inAt, float[] bias, float[] out, int outAt,
                           int width) {
        FloatVector start = FloatVector.fromArray(SPECIES, bias, 0);
        for (int t0 = 0; t0 < width; t0 += POSITIONS) {
            FloatVector c0 = start;
            FloatVector c1 = start;
            FloatVector c2 = start;
            FloatVector c3 = start;
            FloatVector c4 = start;
            FloatVector c5 = start;
            FloatVector c6 = start;
            FloatVector c7 = start;
            FloatVector c8 = start;
            FloatVector c9 = start;
            for (int j = 0; j < k; j += KERNEL_WIDTH) {
                int o = inAt + off[j] + t0;
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[o + 11]);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[o + 12]);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[o + 13]);
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, j * LANES);
                FloatVector w1 = FloatVector.fromArray(SPECIES, w, (j + 1) * LANES);
                FloatVector w2 = FloatVector.fromArray(SPECIES, w, (j + 2) * LANES);
                FloatVector w3 = FloatVector.fromArray(SPECIES, w, (j + 3) * LANES);
                FloatVector w4 = FloatVector.fromArray(SPECIES, w, (j + 4) * LANES);
                c0 = x0.fma(w0, c0);
                c1 = x1.fma(w0, c1);
                c2 = x2.fma(w0, c2);
                c3 = x3.fma(w0, c3);
                c4 = x4.fma(w0, c4);
                c5 = x5.fma(w0, c5);
                c6 = x6.fma(w0, c6);
                c7 = x7.fma(w0, c7);
                c8 = x8.fma(w0, c8);
                c9 = x9.fma(w0, c9);
                c0 = x1.fma(w1, c0);
                c1 = x2.fma(w1, c1);
                c2 = x3.fma(w1, c2);
                c3 = x4.fma(w1, c3);
                c4 = x5.fma(w1, c4);
                c5 = x6.fma(w1, c5);
                c6 = x7.fma(w1, c6);
                c7 = x8.fma(w1, c7);
                c8 = x9.fma(w1, c8);
                c9 = x10.fma(w1, c9);
                c0 = x2.fma(w2, c0);
                c1 = x3.fma(w2, c1);
                c2 = x4.fma(w2, c2);
                c3 = x5.fma(w2, c3);
                c4 = x6.fma(w2, c4);
                c5 = x7.fma(w2, c5);
                c6 = x8.fma(w2, c6);
                c7 = x9.fma(w2, c7);
                c8 = x10.fma(w2, c8);
                c9 = x11.fma(w2, c9);
                c0 = x3.fma(w3, c0);
                c1 = x4.fma(w3, c1);
                c2 = x5.fma(w3, c2);
                c3 = x6.fma(w3, c3);
                c4 = x7.fma(w3, c4);
                c5 = x8.fma(w3, c5);
                c6 = x9.fma(w3, c6);
                c7 = x10.fma(w3, c7);
                c8 = x11.fma(w3, c8);
                c9 = x12.fma(w3, c9);
                c0 = x4.fma(w4, c0);
                c1 = x5.fma(w4, c1);
                c2 = x6.fma(w4, c2);
                c3 = x7.fma(w4, c3);
                c4 = x8.fma(w4, c4);
                c5 = x9.fma(w4, c5);
                c6 = x10.fma(w4, c6);
                c7 = x11.fma(w4, c7);
                c8 = x12.fma(w4, c8);
                c9 = x13.fma(w4, c9);
            }
            int o = (outAt + t0) * LANES;
            c0.intoArray(out, o);
            c1.intoArray(out, o + LANES);
            c2.intoArray(out, o + 2 * LANES);
            c3.intoArray(out, o + 3 * LANES);
            c4.intoArray(out, o + 4 * LANES);
            c5.intoArray(out, o + 5 * LANES);
            c6.intoArray(out, o + 6 * LANES);
            c7.intoArray(out, o + 7 * LANES);
            c8.intoArray(out, o + 8 * LANES);
            c9.intoArray(out, o + 9 * LANES);
        }
    }

    /**
     * One sample's weight gradient: {@code acc[j * LANES + lane] += sum over output positions
     * (h, x) of dy[(h * ldd + x) * LANES + lane] * in[inAt + off[j] + h * ld + x]} for {@code j < k}
     * (kernel rows of {@link #KERNEL_WIDTH} taps as in {@link #forwardRow}), {@code h < rows} and
     * {@code x < ldd}, a multiple of {@link #POSITIONS}: {@code dy} is channels-last with zeros
     * past each row's output width. Per sample through memory, like
     * {@link ShiftKernels#weightGradient}.
     */
    static void weightGradient(float[] dy, int ldd, int[] off, int k, float[] in, int inAt, int rows, int ld,
                               float[] acc) {
        int tiles = ldd / POSITIONS;
        for (int j = 0; j < k; j += KERNEL_WIDTH) {
            weightGradientTaps(dy, tiles, rows, inAt + off[j], in, ld, acc, j * LANES);
        }
    }

    /**
     * One kernel row of {@link #weightGradient}: five taps, each with two accumulators (even and
     * odd positions) so that no chain of dependent FMAs limits the loop. One loop over all tiles
     * of all rows: C2 kept the vectors in registers only across a single loop (with a nested row
     * loop the kernel ran 10x slower).
     */
    private static void weightGradientTaps(float[] dy, int tiles, int rows, int inAt, float[] in, int ld, float[] acc,
                                           int a) {
        FloatVector e0 = FloatVector.fromArray(SPECIES, acc, a);
        FloatVector e1 = FloatVector.fromArray(SPECIES, acc, a + LANES);
        FloatVector e2 = FloatVector.fromArray(SPECIES, acc, a + 2 * LANES);
        FloatVector e3 = FloatVector.fromArray(SPECIES, acc, a + 3 * LANES);
        FloatVector e4 = FloatVector.fromArray(SPECIES, acc, a + 4 * LANES);
        FloatVector d0 = FloatVector.zero(SPECIES);
        FloatVector d1 = d0;
        FloatVector d2 = d0;
        FloatVector d3 = d0;
        FloatVector d4 = d0;
        for (int tile = 0; tile < rows * tiles; tile++) {
            int h = tile / tiles;
            int o = inAt + h * ld + (tile - h * tiles) * POSITIONS;
            int q = tile * POSITIONS * LANES;
            FloatVector g0 = FloatVector.fromArray(SPECIES, dy, q);
            FloatVector g1 = FloatVector.fromArray(SPECIES, dy, q + LANES);
            FloatVector g2 = FloatVector.fromArray(SPECIES, dy, q + 2 * LANES);
            FloatVector g3 = FloatVector.fromArray(SPECIES, dy, q + 3 * LANES);
            FloatVector g4 = FloatVector.fromArray(SPECIES, dy, q + 4 * LANES);
            FloatVector g5 = FloatVector.fromArray(SPECIES, dy, q + 5 * LANES);
            FloatVector g6 = FloatVector.fromArray(SPECIES, dy, q + 6 * LANES);
            FloatVector g7 = FloatVector.fromArray(SPECIES, dy, q + 7 * LANES);
            FloatVector g8 = FloatVector.fromArray(SPECIES, dy, q + 8 * LANES);
            FloatVector g9 = FloatVector.fromArray(SPECIES, dy, q + 9 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, in[o]);
            e0 = x.fma(g0, e0);
            x = FloatVector.broadcast(SPECIES, in[o + 1]);
            d0 = x.fma(g1, d0);
            e1 = x.fma(g0, e1);
            x = FloatVector.broadcast(SPECIES, in[o + 2]);
            e0 = x.fma(g2, e0);
            d1 = x.fma(g1, d1);
            e2 = x.fma(g0, e2);
            x = FloatVector.broadcast(SPECIES, in[o + 3]);
            d0 = x.fma(g3, d0);
            e1 = x.fma(g2, e1);
            d2 = x.fma(g1, d2);
            e3 = x.fma(g0, e3);
            x = FloatVector.broadcast(SPECIES, in[o + 4]);
            e0 = x.fma(g4, e0);
            d1 = x.fma(g3, d1);
            e2 = x.fma(g2, e2);
            d3 = x.fma(g1, d3);
            e4 = x.fma(g0, e4);
            x = FloatVector.broadcast(SPECIES, in[o + 5]);
            d0 = x.fma(g5, d0);
            e1 = x.fma(g4, e1);
            d2 = x.fma(g3, d2);
            e3 = x.fma(g2, e3);
            d4 = x.fma(g1, d4);
            x = FloatVector.broadcast(SPECIES, in[o + 6]);
            e0 = x.fma(g6, e0);
            d1 = x.fma(g5, d1);
            e2 = x.fma(g4, e2);
            d3 = x.fma(g3, d3);
            e4 = x.fma(g2, e4);
            x = FloatVector.broadcast(SPECIES, in[o + 7]);
            d0 = x.fma(g7, d0);
            e1 = x.fma(g6, e1);
            d2 = x.fma(g5, d2);
            e3 = x.fma(g4, e3);
            d4 = x.fma(g3, d4);
            x = FloatVector.broadcast(SPECIES, in[o + 8]);
            e0 = x.fma(g8, e0);
            d1 = x.fma(g7, d1);
            e2 = x.fma(g6, e2);
            d3 = x.fma(g5, d3);
            e4 = x.fma(g4, e4);
            x = FloatVector.broadcast(SPECIES, in[o + 9]);
            d0 = x.fma(g9, d0);
            e1 = x.fma(g8, e1);
            d2 = x.fma(g7, d2);
            e3 = x.fma(g6, e3);
            d4 = x.fma(g5, d4);
            x = FloatVector.broadcast(SPECIES, in[o + 10]);
            d1 = x.fma(g9, d1);
            e2 = x.fma(g8, e2);
            d3 = x.fma(g7, d3);
            e4 = x.fma(g6, e4);
            x = FloatVector.broadcast(SPECIES, in[o + 11]);
            d2 = x.fma(g9, d2);
            e3 = x.fma(g8, e3);
            d4 = x.fma(g7, d4);
            x = FloatVector.broadcast(SPECIES, in[o + 12]);
            d3 = x.fma(g9, d3);
            e4 = x.fma(g8, e4);
            x = FloatVector.broadcast(SPECIES, in[o + 13]);
            d4 = x.fma(g9, d4);
        }
        e0.add(d0).intoArray(acc, a);
        e1.add(d1).intoArray(acc, a + LANES);
        e2.add(d2).intoArray(acc, a + 2 * LANES);
        e3.add(d3).intoArray(acc, a + 3 * LANES);
        e4.add(d4).intoArray(acc, a + 4 * LANES);
    }

    /**
     * The input gradient's "full" correlation for one row {@code y} of one input channel's padded
     * plane: {@code out[outAt + x] += sum over a, b and lanes of w[wAt + (a * KERNEL_WIDTH + b) *
     * LANES + lane] * dy[((y - a) * ldd + x - b) * LANES + lane]} over the upstream gradient's
     * {@code rows} rows (channels-last, zero past each row's output width, as in
     * {@link #weightGradient}), {@code a < kh}. The lanes are the output channels summed over:
     * each tile of {@link #POSITIONS} upstream columns scatters into {@link #SPAN} accumulators,
     * one per output column, which are summed across their lanes at the end; the tiles of a row
     * overlap by {@code KERNEL_WIDTH - 1} columns, so the caller zeroes {@code out} and leaves
     * room for the last tile's {@link #SPAN} columns. Every multiply-add is useful, where the
     * shifted "full" correlation of {@link ShiftKernels} also multiplies the zeros around the
     * upstream gradient (LeNet conv2: 2.4x as many).
     */
    static void inputGradientRow(float[] w, int wAt, int kh, float[] dy, int ldd, int y, int rows, float[] out,
                                 int outAt) {
        int first = Math.max(0, y - rows + 1);
        int last = Math.min(kh - 1, y);
        for (int t0 = 0; t0 < ldd; t0 += POSITIONS) {
            FloatVector z0 = FloatVector.zero(SPECIES);
            FloatVector z1 = z0;
            FloatVector z2 = z0;
            FloatVector z3 = z0;
            FloatVector z4 = z0;
            FloatVector z5 = z0;
            FloatVector z6 = z0;
            FloatVector z7 = z0;
            FloatVector z8 = z0;
            FloatVector z9 = z0;
            FloatVector z10 = z0;
            FloatVector z11 = z0;
            FloatVector z12 = z0;
            FloatVector z13 = z0;
            for (int a = first; a <= last; a++) {
                int q = ((y - a) * ldd + t0) * LANES;
                int k = wAt + a * KERNEL_WIDTH * LANES;
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, k);
                FloatVector w1 = FloatVector.fromArray(SPECIES, w, k + LANES);
                FloatVector w2 = FloatVector.fromArray(SPECIES, w, k + 2 * LANES);
                FloatVector w3 = FloatVector.fromArray(SPECIES, w, k + 3 * LANES);
                FloatVector w4 = FloatVector.fromArray(SPECIES, w, k + 4 * LANES);
                FloatVector g = FloatVector.fromArray(SPECIES, dy, q);
                z0 = w0.fma(g, z0);
                z1 = w1.fma(g, z1);
                z2 = w2.fma(g, z2);
                z3 = w3.fma(g, z3);
                z4 = w4.fma(g, z4);
                g = FloatVector.fromArray(SPECIES, dy, q + LANES);
                z1 = w0.fma(g, z1);
                z2 = w1.fma(g, z2);
                z3 = w2.fma(g, z3);
                z4 = w3.fma(g, z4);
                z5 = w4.fma(g, z5);
                g = FloatVector.fromArray(SPECIES, dy, q + 2 * LANES);
                z2 = w0.fma(g, z2);
                z3 = w1.fma(g, z3);
                z4 = w2.fma(g, z4);
                z5 = w3.fma(g, z5);
                z6 = w4.fma(g, z6);
                g = FloatVector.fromArray(SPECIES, dy, q + 3 * LANES);
                z3 = w0.fma(g, z3);
                z4 = w1.fma(g, z4);
                z5 = w2.fma(g, z5);
                z6 = w3.fma(g, z6);
                z7 = w4.fma(g, z7);
                g = FloatVector.fromArray(SPECIES, dy, q + 4 * LANES);
                z4 = w0.fma(g, z4);
                z5 = w1.fma(g, z5);
                z6 = w2.fma(g, z6);
                z7 = w3.fma(g, z7);
                z8 = w4.fma(g, z8);
                g = FloatVector.fromArray(SPECIES, dy, q + 5 * LANES);
                z5 = w0.fma(g, z5);
                z6 = w1.fma(g, z6);
                z7 = w2.fma(g, z7);
                z8 = w3.fma(g, z8);
                z9 = w4.fma(g, z9);
                g = FloatVector.fromArray(SPECIES, dy, q + 6 * LANES);
                z6 = w0.fma(g, z6);
                z7 = w1.fma(g, z7);
                z8 = w2.fma(g, z8);
                z9 = w3.fma(g, z9);
                z10 = w4.fma(g, z10);
                g = FloatVector.fromArray(SPECIES, dy, q + 7 * LANES);
                z7 = w0.fma(g, z7);
                z8 = w1.fma(g, z8);
                z9 = w2.fma(g, z9);
                z10 = w3.fma(g, z10);
                z11 = w4.fma(g, z11);
                g = FloatVector.fromArray(SPECIES, dy, q + 8 * LANES);
                z8 = w0.fma(g, z8);
                z9 = w1.fma(g, z9);
                z10 = w2.fma(g, z10);
                z11 = w3.fma(g, z11);
                z12 = w4.fma(g, z12);
                g = FloatVector.fromArray(SPECIES, dy, q + 9 * LANES);
                z9 = w0.fma(g, z9);
                z10 = w1.fma(g, z10);
                z11 = w2.fma(g, z11);
                z12 = w3.fma(g, z12);
                z13 = w4.fma(g, z13);
            }
            // One horizontal sum per input column: together about a third of this kernel's time.
            // A tree of blends and lane swaps summing 16 vectors at once ran slower still here
            // (JDK 17: too large for C2 to inline with this loop, nearly 2x slower apart).
            int o = outAt + t0;
            out[o] += z0.reduceLanes(VectorOperators.ADD);
            out[o + 1] += z1.reduceLanes(VectorOperators.ADD);
            out[o + 2] += z2.reduceLanes(VectorOperators.ADD);
            out[o + 3] += z3.reduceLanes(VectorOperators.ADD);
            out[o + 4] += z4.reduceLanes(VectorOperators.ADD);
            out[o + 5] += z5.reduceLanes(VectorOperators.ADD);
            out[o + 6] += z6.reduceLanes(VectorOperators.ADD);
            out[o + 7] += z7.reduceLanes(VectorOperators.ADD);
            out[o + 8] += z8.reduceLanes(VectorOperators.ADD);
            out[o + 9] += z9.reduceLanes(VectorOperators.ADD);
            out[o + 10] += z10.reduceLanes(VectorOperators.ADD);
            out[o + 11] += z11.reduceLanes(VectorOperators.ADD);
            out[o + 12] += z12.reduceLanes(VectorOperators.ADD);
            out[o + 13] += z13.reduceLanes(VectorOperators.ADD);
        }
    }

    /** {@code acc[lane] += sum_q dy[q * LANES + lane]} for {@code q < count}: the bias gradient. */
    static void sum(float[] dy, int count, float[] acc) {
        FloatVector s = FloatVector.fromArray(SPECIES, acc, 0);
        for (int q = 0; q < count * LANES; q += LANES) {
            s = s.add(FloatVector.fromArray(SPECIES, dy, q));
        }
        s.intoArray(acc, 0);
    }
}
