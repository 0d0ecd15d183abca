package org.convspark.engine.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneConv}'s two loops, channels-last: the vector lanes hold channels, so a register
 * tile is a few output positions by a few channel vectors, every input value is broadcast once
 * per tile and used against all of the tile's channel vectors, and no lane ever holds padding.
 * Both loops read their input through a base offset per position and an offset per tap and
 * channel ({@code in[base[p] + off[j]]}): stride, dilation, padding and (for the input gradient)
 * the stride's phases are all in those two arrays, so one pair of loops serves every 2-D layer.
 *
 * <p>Tiles: 6 positions by 4 vectors (64 channels on AVX-512) or 12 by 2, 24 accumulators
 * either way; the weight gradient keeps 6 taps by 4 vectors or 12 by 2 over a run of positions.
 * Measured alone (one thread, this machine, ResNet-20's 64->64 3x3 layer at 8x8, batch 128): the
 * forward tile 196-209 GFLOP/s, 0.87-0.93 of the FMA limit; the gradient tile 136-155. C2 (JDK
 * 17) keeps the 24 accumulators in registers here, where {@link ShiftKernels}' comment records
 * that it did not for its wider tiles: those carried four input offsets through the loop; these
 * carry one.
 *
 * <p>Row tiles ({@link #rows}, {@link #rowGradients}) take 3-wide kernels at stride 1 in width
 * over runs of positions of one row, where one input value serves up to 3 taps and 3 positions:
 * it is broadcast once for all of them. They alone take a last single vector of channels (16 on
 * AVX-512), over runs twice as long. The same idea at stride 2 ({@link #strideRows}: an input
 * reaches one or two positions) and at dilation 2 ({@link #dilatedRows}: up to three), for whole
 * blocks of channels.
 *
 * <p>The tile loops are spelled out accumulator by accumulator, alike but for their sizes: C2
 * keeps vectors in registers only as named locals, not in arrays or in loops over them.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class LaneKernels {
    static final VectorSpecies<Float> SPECIES = ShiftKernels.SPECIES;
    static final int LANES = ShiftKernels.LANES;
    /** Channel counts are multiples of this: the narrowest tile's two vectors. */
    static final int CHANNEL_BLOCK = 2 * LANES;
    /** Position lists are padded to a multiple of this (every tile's position count divides it). */
    static final int POSITIONS = 24;
    /** Tap lists of the weight gradient are padded to a multiple of this (both tiles' tap counts divide it). */
    static final int TAPS = 12;

    private LaneKernels() {
    }

    /**
     * {@code out[outAt[p] + c] = bias[c] + sum_{j < k} w[j * ldw + c] * in[base[p] + off[j]]} for
     * positions {@code from <= p < to} ({@code to - from} a multiple of {@link #POSITIONS}) and
     * channels {@code c < channels} (a multiple of {@link #LANES}, at most {@code ldw}; a last
     * single vector is the input gradient of layers of 16 input channels, such as ResNet's first
     * stride-2 layer).
     */
    static void tiles(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt, int from, int to,
                      float[] bias, float[] out, int channels) {
        int c = 0;
        for (; c + 4 * LANES <= channels; c += 4 * LANES) {
            tile4(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
        }
        if (c + 2 * LANES <= channels) {
            tile2(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            c += 2 * LANES;
        }
        if (c < channels) {
            tile1(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
        }
    }

    /**
     * The run length of {@link #rows} and {@link #rowGradients} for rows of {@code width}
     * positions: 8 or 7 (ResNet's 32-, 16- and 8-wide planes, and its 28-, 14- and 7-wide ones
     * on Fashion-MNIST), 0 where neither divides the width.
     */
    static int rowRun(int width) {
        return width % 8 == 0 ? 8 : width % 7 == 0 ? 7 : 0;
    }

    /**
     * The run length for rows of {@code width} positions and {@code channels} channels: {@link
     * #rowRun}, or where a last single vector of channels needs it, twice that (16 or 14: a
     * vector's row tile takes 16 positions to use its registers), 0 where neither fits.
     */
    static int rowRun(int width, int channels) {
        int run = rowRun(width);
        return channels % (2 * LANES) == 0 ? run : run > 0 && width % (2 * run) == 0 ? 2 * run : 0;
    }

    /**
     * {@link #tiles} for taps in unit-step triples along a row ({@code off[3i + t] = off[3i] + t},
     * a 3-wide kernel at stride and dilation 1 in width) and positions in runs of {@code run}
     * ({@link #rowRun}) whose inputs lie side by side ({@code base[p + q] = base[p] + q} for each
     * run's first {@code p}): {@code to - from} a multiple of {@code run}. Bit for bit what {@link
     * #tiles} computes, the same multiply-adds in the same order.
     *
     * <p>A run of positions by 2 vectors: each input value of the row is broadcast once and used
     * by every position and tap it reaches (up to 3 x 2 multiply-adds), so a kernel row of 3 taps
     * over 8 positions takes 10 broadcasts and 6 weight loads for 48 multiply-adds where {@link
     * #tile2} takes 24 and 4. Measured alone (one thread, ResNet-20's 32->32 3x3 layer at 16x16,
     * batch 120): 215-219 GFLOP/s against {@link #tile2}'s 175-188; on 64->64 at 8x8, one call a
     * 32-channel half, 188-209 against {@link #tile4}'s 178-190.
     */
    static void rows(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt, int from, int to,
                     float[] bias, float[] out, int channels, int run) {
        int pair = run > 8 ? run / 2 : run;
        int c = 0;
        for (; c + 2 * LANES <= channels; c += 2 * LANES) {
            if (pair == 8) {
                rowTile8(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            } else {
                rowTile7(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            }
        }
        if (c < channels) {
            if (run == 16) {
                rowTile16x1(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            } else {
                rowTile14x1(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            }
        }
    }

    /**
     * {@link #tiles} for 3-wide kernels at stride 2 in width over runs of 8 or 7 positions of one
     * row (ResNet's stride-2 layers: 16- and 8-wide output rows on 32x32 images, 14- and 7-wide
     * on 28x28), {@code k} in whole kernel rows of 3 taps ({@code off[j + 1] = off[j] + 1}), channels
     * in whole blocks of 2 vectors: each input value is broadcast once for the one or two
     * positions and taps it reaches, 17 broadcasts and 6 weight loads per 48 multiply-adds where
     * {@link #tile2} takes 24 and 4. Bit for bit what {@link #tiles} computes (each position's
     * taps in the same order).
     */
    static void strideRows(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt, int from,
                           int to, float[] bias, float[] out, int channels, int run) {
        for (int c = 0; c + 2 * LANES <= channels; c += 2 * LANES) {
            if (run == 8) {
                strideTile8(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            } else {
                strideTile7(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            }
        }
    }

    /** {@link #strideRows} on runs of 8: 8 positions by 2 vectors, 16 accumulators. */
    private static void strideTile8(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                    int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 8) {
            int b = base[p];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c60 = s0;
            FloatVector c61 = s1;
            FloatVector c70 = s0;
            FloatVector c71 = s1;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w01 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w11 = FloatVector.fromArray(SPECIES, w, wj + ldw + LANES);
                FloatVector w20 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector w21 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c00 = x0.fma(w00, c00);
                c01 = x0.fma(w01, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c00 = x1.fma(w10, c00);
                c01 = x1.fma(w11, c01);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c10 = x2.fma(w00, c10);
                c11 = x2.fma(w01, c11);
                c00 = x2.fma(w20, c00);
                c01 = x2.fma(w21, c01);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c10 = x3.fma(w10, c10);
                c11 = x3.fma(w11, c11);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c20 = x4.fma(w00, c20);
                c21 = x4.fma(w01, c21);
                c10 = x4.fma(w20, c10);
                c11 = x4.fma(w21, c11);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c20 = x5.fma(w10, c20);
                c21 = x5.fma(w11, c21);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c30 = x6.fma(w00, c30);
                c31 = x6.fma(w01, c31);
                c20 = x6.fma(w20, c20);
                c21 = x6.fma(w21, c21);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c30 = x7.fma(w10, c30);
                c31 = x7.fma(w11, c31);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c40 = x8.fma(w00, c40);
                c41 = x8.fma(w01, c41);
                c30 = x8.fma(w20, c30);
                c31 = x8.fma(w21, c31);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c40 = x9.fma(w10, c40);
                c41 = x9.fma(w11, c41);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                c50 = x10.fma(w00, c50);
                c51 = x10.fma(w01, c51);
                c40 = x10.fma(w20, c40);
                c41 = x10.fma(w21, c41);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[o + 11]);
                c50 = x11.fma(w10, c50);
                c51 = x11.fma(w11, c51);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[o + 12]);
                c60 = x12.fma(w00, c60);
                c61 = x12.fma(w01, c61);
                c50 = x12.fma(w20, c50);
                c51 = x12.fma(w21, c51);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[o + 13]);
                c60 = x13.fma(w10, c60);
                c61 = x13.fma(w11, c61);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[o + 14]);
                c70 = x14.fma(w00, c70);
                c71 = x14.fma(w01, c71);
                c60 = x14.fma(w20, c60);
                c61 = x14.fma(w21, c61);
                FloatVector x15 = FloatVector.broadcast(SPECIES, in[o + 15]);
                c70 = x15.fma(w10, c70);
                c71 = x15.fma(w11, c71);
                FloatVector x16 = FloatVector.broadcast(SPECIES, in[o + 16]);
                c70 = x16.fma(w20, c70);
                c71 = x16.fma(w21, c71);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c60.intoArray(out, o6);
            c61.intoArray(out, o6 + LANES);
            int o7 = outAt[p + 7] + outCol;
            c70.intoArray(out, o7);
            c71.intoArray(out, o7 + LANES);
        }
    }

    /** {@link #strideRows} on runs of 7: 7 positions by 2 vectors, 14 accumulators. */
    private static void strideTile7(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                    int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 7) {
            int b = base[p];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c60 = s0;
            FloatVector c61 = s1;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w01 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w11 = FloatVector.fromArray(SPECIES, w, wj + ldw + LANES);
                FloatVector w20 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector w21 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c00 = x0.fma(w00, c00);
                c01 = x0.fma(w01, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c00 = x1.fma(w10, c00);
                c01 = x1.fma(w11, c01);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c10 = x2.fma(w00, c10);
                c11 = x2.fma(w01, c11);
                c00 = x2.fma(w20, c00);
                c01 = x2.fma(w21, c01);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c10 = x3.fma(w10, c10);
                c11 = x3.fma(w11, c11);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c20 = x4.fma(w00, c20);
                c21 = x4.fma(w01, c21);
                c10 = x4.fma(w20, c10);
                c11 = x4.fma(w21, c11);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c20 = x5.fma(w10, c20);
                c21 = x5.fma(w11, c21);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c30 = x6.fma(w00, c30);
                c31 = x6.fma(w01, c31);
                c20 = x6.fma(w20, c20);
                c21 = x6.fma(w21, c21);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c30 = x7.fma(w10, c30);
                c31 = x7.fma(w11, c31);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c40 = x8.fma(w00, c40);
                c41 = x8.fma(w01, c41);
                c30 = x8.fma(w20, c30);
                c31 = x8.fma(w21, c31);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c40 = x9.fma(w10, c40);
                c41 = x9.fma(w11, c41);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                c50 = x10.fma(w00, c50);
                c51 = x10.fma(w01, c51);
                c40 = x10.fma(w20, c40);
                c41 = x10.fma(w21, c41);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[o + 11]);
                c50 = x11.fma(w10, c50);
                c51 = x11.fma(w11, c51);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[o + 12]);
                c60 = x12.fma(w00, c60);
                c61 = x12.fma(w01, c61);
                c50 = x12.fma(w20, c50);
                c51 = x12.fma(w21, c51);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[o + 13]);
                c60 = x13.fma(w10, c60);
                c61 = x13.fma(w11, c61);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[o + 14]);
                c60 = x14.fma(w20, c60);
                c61 = x14.fma(w21, c61);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c60.intoArray(out, o6);
            c61.intoArray(out, o6 + LANES);
        }
    }

    /**
     * {@link #rows} for 3-wide kernels at dilation 2 (taps {@code off[j + 1] = off[j] + 2}) and
     * stride 1 in width, channels in whole blocks of 2 vectors: each input value is broadcast once
     * for the up to 3 positions and taps it reaches, 12 broadcasts per 48 multiply-adds on runs of
     * 8. Bit for bit what {@link #tiles} computes.
     */
    static void dilatedRows(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt, int from,
                            int to, float[] bias, float[] out, int channels, int run) {
        for (int c = 0; c + 2 * LANES <= channels; c += 2 * LANES) {
            if (run == 8) {
                dilatedTile8(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            } else {
                dilatedTile7(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
            }
        }
    }

    /** {@link #rows} at dilation 2 on runs of 8: 8 positions by 2 vectors, 16 accumulators. */
    private static void dilatedTile8(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                     int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 8) {
            int b = base[p];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c60 = s0;
            FloatVector c61 = s1;
            FloatVector c70 = s0;
            FloatVector c71 = s1;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w01 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w11 = FloatVector.fromArray(SPECIES, w, wj + ldw + LANES);
                FloatVector w20 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector w21 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c00 = x0.fma(w00, c00);
                c01 = x0.fma(w01, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c10 = x1.fma(w00, c10);
                c11 = x1.fma(w01, c11);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c20 = x2.fma(w00, c20);
                c21 = x2.fma(w01, c21);
                c00 = x2.fma(w10, c00);
                c01 = x2.fma(w11, c01);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c30 = x3.fma(w00, c30);
                c31 = x3.fma(w01, c31);
                c10 = x3.fma(w10, c10);
                c11 = x3.fma(w11, c11);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c40 = x4.fma(w00, c40);
                c41 = x4.fma(w01, c41);
                c20 = x4.fma(w10, c20);
                c21 = x4.fma(w11, c21);
                c00 = x4.fma(w20, c00);
                c01 = x4.fma(w21, c01);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c50 = x5.fma(w00, c50);
                c51 = x5.fma(w01, c51);
                c30 = x5.fma(w10, c30);
                c31 = x5.fma(w11, c31);
                c10 = x5.fma(w20, c10);
                c11 = x5.fma(w21, c11);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c60 = x6.fma(w00, c60);
                c61 = x6.fma(w01, c61);
                c40 = x6.fma(w10, c40);
                c41 = x6.fma(w11, c41);
                c20 = x6.fma(w20, c20);
                c21 = x6.fma(w21, c21);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c70 = x7.fma(w00, c70);
                c71 = x7.fma(w01, c71);
                c50 = x7.fma(w10, c50);
                c51 = x7.fma(w11, c51);
                c30 = x7.fma(w20, c30);
                c31 = x7.fma(w21, c31);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c60 = x8.fma(w10, c60);
                c61 = x8.fma(w11, c61);
                c40 = x8.fma(w20, c40);
                c41 = x8.fma(w21, c41);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c70 = x9.fma(w10, c70);
                c71 = x9.fma(w11, c71);
                c50 = x9.fma(w20, c50);
                c51 = x9.fma(w21, c51);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                c60 = x10.fma(w20, c60);
                c61 = x10.fma(w21, c61);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[o + 11]);
                c70 = x11.fma(w20, c70);
                c71 = x11.fma(w21, c71);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c60.intoArray(out, o6);
            c61.intoArray(out, o6 + LANES);
            int o7 = outAt[p + 7] + outCol;
            c70.intoArray(out, o7);
            c71.intoArray(out, o7 + LANES);
        }
    }

    /** {@link #rows} at dilation 2 on runs of 7: 7 positions by 2 vectors, 14 accumulators. */
    private static void dilatedTile7(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                     int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 7) {
            int b = base[p];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c60 = s0;
            FloatVector c61 = s1;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w01 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w11 = FloatVector.fromArray(SPECIES, w, wj + ldw + LANES);
                FloatVector w20 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector w21 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c00 = x0.fma(w00, c00);
                c01 = x0.fma(w01, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c10 = x1.fma(w00, c10);
                c11 = x1.fma(w01, c11);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c20 = x2.fma(w00, c20);
                c21 = x2.fma(w01, c21);
                c00 = x2.fma(w10, c00);
                c01 = x2.fma(w11, c01);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c30 = x3.fma(w00, c30);
                c31 = x3.fma(w01, c31);
                c10 = x3.fma(w10, c10);
                c11 = x3.fma(w11, c11);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c40 = x4.fma(w00, c40);
                c41 = x4.fma(w01, c41);
                c20 = x4.fma(w10, c20);
                c21 = x4.fma(w11, c21);
                c00 = x4.fma(w20, c00);
                c01 = x4.fma(w21, c01);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c50 = x5.fma(w00, c50);
                c51 = x5.fma(w01, c51);
                c30 = x5.fma(w10, c30);
                c31 = x5.fma(w11, c31);
                c10 = x5.fma(w20, c10);
                c11 = x5.fma(w21, c11);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c60 = x6.fma(w00, c60);
                c61 = x6.fma(w01, c61);
                c40 = x6.fma(w10, c40);
                c41 = x6.fma(w11, c41);
                c20 = x6.fma(w20, c20);
                c21 = x6.fma(w21, c21);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c50 = x7.fma(w10, c50);
                c51 = x7.fma(w11, c51);
                c30 = x7.fma(w20, c30);
                c31 = x7.fma(w21, c31);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c60 = x8.fma(w10, c60);
                c61 = x8.fma(w11, c61);
                c40 = x8.fma(w20, c40);
                c41 = x8.fma(w21, c41);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c50 = x9.fma(w20, c50);
                c51 = x9.fma(w21, c51);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                c60 = x10.fma(w20, c60);
                c61 = x10.fma(w21, c61);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c60.intoArray(out, o6);
            c61.intoArray(out, o6 + LANES);
        }
    }

    /** {@link #rows} on runs of 8: 8 positions by 2 vectors, 16 accumulators. */
    private static void rowTile8(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                 int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 8) {
            int b = base[p];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c60 = s0;
            FloatVector c61 = s1;
            FloatVector c70 = s0;
            FloatVector c71 = s1;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w01 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w11 = FloatVector.fromArray(SPECIES, w, wj + ldw + LANES);
                FloatVector w20 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector w21 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c00 = x0.fma(w00, c00);
                c01 = x0.fma(w01, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c10 = x1.fma(w00, c10);
                c11 = x1.fma(w01, c11);
                c00 = x1.fma(w10, c00);
                c01 = x1.fma(w11, c01);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c20 = x2.fma(w00, c20);
                c21 = x2.fma(w01, c21);
                c10 = x2.fma(w10, c10);
                c11 = x2.fma(w11, c11);
                c00 = x2.fma(w20, c00);
                c01 = x2.fma(w21, c01);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c30 = x3.fma(w00, c30);
                c31 = x3.fma(w01, c31);
                c20 = x3.fma(w10, c20);
                c21 = x3.fma(w11, c21);
                c10 = x3.fma(w20, c10);
                c11 = x3.fma(w21, c11);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c40 = x4.fma(w00, c40);
                c41 = x4.fma(w01, c41);
                c30 = x4.fma(w10, c30);
                c31 = x4.fma(w11, c31);
                c20 = x4.fma(w20, c20);
                c21 = x4.fma(w21, c21);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c50 = x5.fma(w00, c50);
                c51 = x5.fma(w01, c51);
                c40 = x5.fma(w10, c40);
                c41 = x5.fma(w11, c41);
                c30 = x5.fma(w20, c30);
                c31 = x5.fma(w21, c31);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c60 = x6.fma(w00, c60);
                c61 = x6.fma(w01, c61);
                c50 = x6.fma(w10, c50);
                c51 = x6.fma(w11, c51);
                c40 = x6.fma(w20, c40);
                c41 = x6.fma(w21, c41);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c70 = x7.fma(w00, c70);
                c71 = x7.fma(w01, c71);
                c60 = x7.fma(w10, c60);
                c61 = x7.fma(w11, c61);
                c50 = x7.fma(w20, c50);
                c51 = x7.fma(w21, c51);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c70 = x8.fma(w10, c70);
                c71 = x8.fma(w11, c71);
                c60 = x8.fma(w20, c60);
                c61 = x8.fma(w21, c61);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c70 = x9.fma(w20, c70);
                c71 = x9.fma(w21, c71);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c60.intoArray(out, o6);
            c61.intoArray(out, o6 + LANES);
            int o7 = outAt[p + 7] + outCol;
            c70.intoArray(out, o7);
            c71.intoArray(out, o7 + LANES);
        }
    }

    /** {@link #rows} on runs of 7: 7 positions by 2 vectors, 14 accumulators. */
    private static void rowTile7(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                 int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 7) {
            int b = base[p];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c60 = s0;
            FloatVector c61 = s1;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w01 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w11 = FloatVector.fromArray(SPECIES, w, wj + ldw + LANES);
                FloatVector w20 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector w21 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c00 = x0.fma(w00, c00);
                c01 = x0.fma(w01, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c10 = x1.fma(w00, c10);
                c11 = x1.fma(w01, c11);
                c00 = x1.fma(w10, c00);
                c01 = x1.fma(w11, c01);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c20 = x2.fma(w00, c20);
                c21 = x2.fma(w01, c21);
                c10 = x2.fma(w10, c10);
                c11 = x2.fma(w11, c11);
                c00 = x2.fma(w20, c00);
                c01 = x2.fma(w21, c01);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c30 = x3.fma(w00, c30);
                c31 = x3.fma(w01, c31);
                c20 = x3.fma(w10, c20);
                c21 = x3.fma(w11, c21);
                c10 = x3.fma(w20, c10);
                c11 = x3.fma(w21, c11);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c40 = x4.fma(w00, c40);
                c41 = x4.fma(w01, c41);
                c30 = x4.fma(w10, c30);
                c31 = x4.fma(w11, c31);
                c20 = x4.fma(w20, c20);
                c21 = x4.fma(w21, c21);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c50 = x5.fma(w00, c50);
                c51 = x5.fma(w01, c51);
                c40 = x5.fma(w10, c40);
                c41 = x5.fma(w11, c41);
                c30 = x5.fma(w20, c30);
                c31 = x5.fma(w21, c31);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c60 = x6.fma(w00, c60);
                c61 = x6.fma(w01, c61);
                c50 = x6.fma(w10, c50);
                c51 = x6.fma(w11, c51);
                c40 = x6.fma(w20, c40);
                c41 = x6.fma(w21, c41);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c60 = x7.fma(w10, c60);
                c61 = x7.fma(w11, c61);
                c50 = x7.fma(w20, c50);
                c51 = x7.fma(w21, c51);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c60 = x8.fma(w20, c60);
                c61 = x8.fma(w21, c61);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c60.intoArray(out, o6);
            c61.intoArray(out, o6 + LANES);
        }
    }

    /**
     * {@link #gradients} for taps in unit-step triples along a row and positions in runs whose
     * inputs lie side by side, as {@link #rows} reads them: {@code k} a multiple of 9 and
     * {@code to - from} of {@code run}. Bit for bit what {@link #gradients} computes.
     *
     * <p>3 kernel rows of 3 taps by 2 vectors, 18 accumulators: each position's input for tap
     * {@code t + 1} is its left neighbour's for tap {@code t}, so a position takes 3 new
     * broadcasts and 2 gradient loads for 18 multiply-adds where {@link #gradient2} takes 12 and 2
     * for 24.
     */
    static void rowGradients(float[] dy, int dyFrom, int[] off, int k, float[] in, int[] base, int from, int to,
                             float[] dw, int channels, int run) {
        int dyAt = -dyFrom * channels;
        int pair = run > 8 ? run / 2 : run;
        int c = 0;
        for (; c + 2 * LANES <= channels; c += 2 * LANES) {
            if (pair == 8) {
                rowGradient8(dy, channels, dyAt + c, off, k, in, base, from, to, dw, channels, c);
            } else {
                rowGradient7(dy, channels, dyAt + c, off, k, in, base, from, to, dw, channels, c);
            }
        }
        if (c < channels) {
            if (run == 16) {
                rowGradient16x1(dy, channels, dyAt + c, off, k, in, base, from, to, dw, channels, c);
            } else {
                rowGradient14x1(dy, channels, dyAt + c, off, k, in, base, from, to, dw, channels, c);
            }
        }
    }

    /** {@link #rowGradients} on runs of 8. */
    private static void rowGradient8(float[] dy, int ldd, int dyAt, int[] off, int k, float[] in, int[] base,
                                     int from, int to, float[] dw, int ldw, int dwAt) {
        for (int j = 0; j < k; j += 9) {
            int o0 = off[j + 0];
            int o1 = off[j + 3];
            int o2 = off[j + 6];
            int a00 = dwAt + (j + 0) * ldw;
            FloatVector c000 = FloatVector.fromArray(SPECIES, dw, a00);
            FloatVector c001 = FloatVector.fromArray(SPECIES, dw, a00 + LANES);
            int a01 = dwAt + (j + 1) * ldw;
            FloatVector c010 = FloatVector.fromArray(SPECIES, dw, a01);
            FloatVector c011 = FloatVector.fromArray(SPECIES, dw, a01 + LANES);
            int a02 = dwAt + (j + 2) * ldw;
            FloatVector c020 = FloatVector.fromArray(SPECIES, dw, a02);
            FloatVector c021 = FloatVector.fromArray(SPECIES, dw, a02 + LANES);
            int a10 = dwAt + (j + 3) * ldw;
            FloatVector c100 = FloatVector.fromArray(SPECIES, dw, a10);
            FloatVector c101 = FloatVector.fromArray(SPECIES, dw, a10 + LANES);
            int a11 = dwAt + (j + 4) * ldw;
            FloatVector c110 = FloatVector.fromArray(SPECIES, dw, a11);
            FloatVector c111 = FloatVector.fromArray(SPECIES, dw, a11 + LANES);
            int a12 = dwAt + (j + 5) * ldw;
            FloatVector c120 = FloatVector.fromArray(SPECIES, dw, a12);
            FloatVector c121 = FloatVector.fromArray(SPECIES, dw, a12 + LANES);
            int a20 = dwAt + (j + 6) * ldw;
            FloatVector c200 = FloatVector.fromArray(SPECIES, dw, a20);
            FloatVector c201 = FloatVector.fromArray(SPECIES, dw, a20 + LANES);
            int a21 = dwAt + (j + 7) * ldw;
            FloatVector c210 = FloatVector.fromArray(SPECIES, dw, a21);
            FloatVector c211 = FloatVector.fromArray(SPECIES, dw, a21 + LANES);
            int a22 = dwAt + (j + 8) * ldw;
            FloatVector c220 = FloatVector.fromArray(SPECIES, dw, a22);
            FloatVector c221 = FloatVector.fromArray(SPECIES, dw, a22 + LANES);
            for (int p = from, d = dyAt + from * ldd; p < to; p += 8, d += 8 * ldd) {
                int b = base[p];
                int i0 = b + o0;
                int i1 = b + o1;
                int i2 = b + o2;
                FloatVector x00 = FloatVector.broadcast(SPECIES, in[i0]);
                FloatVector x01 = FloatVector.broadcast(SPECIES, in[i0 + 1]);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[i1]);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[i1 + 1]);
                FloatVector x20 = FloatVector.broadcast(SPECIES, in[i2]);
                FloatVector x21 = FloatVector.broadcast(SPECIES, in[i2 + 1]);
                FloatVector g00 = FloatVector.fromArray(SPECIES, dy, d);
                FloatVector g01 = FloatVector.fromArray(SPECIES, dy, d + LANES);
                FloatVector x02 = FloatVector.broadcast(SPECIES, in[i0 + 2]);
                c000 = x00.fma(g00, c000);
                c001 = x00.fma(g01, c001);
                c010 = x01.fma(g00, c010);
                c011 = x01.fma(g01, c011);
                c020 = x02.fma(g00, c020);
                c021 = x02.fma(g01, c021);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[i1 + 2]);
                c100 = x10.fma(g00, c100);
                c101 = x10.fma(g01, c101);
                c110 = x11.fma(g00, c110);
                c111 = x11.fma(g01, c111);
                c120 = x12.fma(g00, c120);
                c121 = x12.fma(g01, c121);
                FloatVector x22 = FloatVector.broadcast(SPECIES, in[i2 + 2]);
                c200 = x20.fma(g00, c200);
                c201 = x20.fma(g01, c201);
                c210 = x21.fma(g00, c210);
                c211 = x21.fma(g01, c211);
                c220 = x22.fma(g00, c220);
                c221 = x22.fma(g01, c221);
                FloatVector g10 = FloatVector.fromArray(SPECIES, dy, d + ldd);
                FloatVector g11 = FloatVector.fromArray(SPECIES, dy, d + ldd + LANES);
                FloatVector x03 = FloatVector.broadcast(SPECIES, in[i0 + 3]);
                c000 = x01.fma(g10, c000);
                c001 = x01.fma(g11, c001);
                c010 = x02.fma(g10, c010);
                c011 = x02.fma(g11, c011);
                c020 = x03.fma(g10, c020);
                c021 = x03.fma(g11, c021);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[i1 + 3]);
                c100 = x11.fma(g10, c100);
                c101 = x11.fma(g11, c101);
                c110 = x12.fma(g10, c110);
                c111 = x12.fma(g11, c111);
                c120 = x13.fma(g10, c120);
                c121 = x13.fma(g11, c121);
                FloatVector x23 = FloatVector.broadcast(SPECIES, in[i2 + 3]);
                c200 = x21.fma(g10, c200);
                c201 = x21.fma(g11, c201);
                c210 = x22.fma(g10, c210);
                c211 = x22.fma(g11, c211);
                c220 = x23.fma(g10, c220);
                c221 = x23.fma(g11, c221);
                FloatVector g20 = FloatVector.fromArray(SPECIES, dy, d + 2 * ldd);
                FloatVector g21 = FloatVector.fromArray(SPECIES, dy, d + 2 * ldd + LANES);
                FloatVector x04 = FloatVector.broadcast(SPECIES, in[i0 + 4]);
                c000 = x02.fma(g20, c000);
                c001 = x02.fma(g21, c001);
                c010 = x03.fma(g20, c010);
                c011 = x03.fma(g21, c011);
                c020 = x04.fma(g20, c020);
                c021 = x04.fma(g21, c021);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[i1 + 4]);
                c100 = x12.fma(g20, c100);
                c101 = x12.fma(g21, c101);
                c110 = x13.fma(g20, c110);
                c111 = x13.fma(g21, c111);
                c120 = x14.fma(g20, c120);
                c121 = x14.fma(g21, c121);
                FloatVector x24 = FloatVector.broadcast(SPECIES, in[i2 + 4]);
                c200 = x22.fma(g20, c200);
                c201 = x22.fma(g21, c201);
                c210 = x23.fma(g20, c210);
                c211 = x23.fma(g21, c211);
                c220 = x24.fma(g20, c220);
                c221 = x24.fma(g21, c221);
                FloatVector g30 = FloatVector.fromArray(SPECIES, dy, d + 3 * ldd);
                FloatVector g31 = FloatVector.fromArray(SPECIES, dy, d + 3 * ldd + LANES);
                FloatVector x05 = FloatVector.broadcast(SPECIES, in[i0 + 5]);
                c000 = x03.fma(g30, c000);
                c001 = x03.fma(g31, c001);
                c010 = x04.fma(g30, c010);
                c011 = x04.fma(g31, c011);
                c020 = x05.fma(g30, c020);
                c021 = x05.fma(g31, c021);
                FloatVector x15 = FloatVector.broadcast(SPECIES, in[i1 + 5]);
                c100 = x13.fma(g30, c100);
                c101 = x13.fma(g31, c101);
                c110 = x14.fma(g30, c110);
                c111 = x14.fma(g31, c111);
                c120 = x15.fma(g30, c120);
                c121 = x15.fma(g31, c121);
                FloatVector x25 = FloatVector.broadcast(SPECIES, in[i2 + 5]);
                c200 = x23.fma(g30, c200);
                c201 = x23.fma(g31, c201);
                c210 = x24.fma(g30, c210);
                c211 = x24.fma(g31, c211);
                c220 = x25.fma(g30, c220);
                c221 = x25.fma(g31, c221);
                FloatVector g40 = FloatVector.fromArray(SPECIES, dy, d + 4 * ldd);
                FloatVector g41 = FloatVector.fromArray(SPECIES, dy, d + 4 * ldd + LANES);
                FloatVector x06 = FloatVector.broadcast(SPECIES, in[i0 + 6]);
                c000 = x04.fma(g40, c000);
                c001 = x04.fma(g41, c001);
                c010 = x05.fma(g40, c010);
                c011 = x05.fma(g41, c011);
                c020 = x06.fma(g40, c020);
                c021 = x06.fma(g41, c021);
                FloatVector x16 = FloatVector.broadcast(SPECIES, in[i1 + 6]);
                c100 = x14.fma(g40, c100);
                c101 = x14.fma(g41, c101);
                c110 = x15.fma(g40, c110);
                c111 = x15.fma(g41, c111);
                c120 = x16.fma(g40, c120);
                c121 = x16.fma(g41, c121);
                FloatVector x26 = FloatVector.broadcast(SPECIES, in[i2 + 6]);
                c200 = x24.fma(g40, c200);
                c201 = x24.fma(g41, c201);
                c210 = x25.fma(g40, c210);
                c211 = x25.fma(g41, c211);
                c220 = x26.fma(g40, c220);
                c221 = x26.fma(g41, c221);
                FloatVector g50 = FloatVector.fromArray(SPECIES, dy, d + 5 * ldd);
                FloatVector g51 = FloatVector.fromArray(SPECIES, dy, d + 5 * ldd + LANES);
                FloatVector x07 = FloatVector.broadcast(SPECIES, in[i0 + 7]);
                c000 = x05.fma(g50, c000);
                c001 = x05.fma(g51, c001);
                c010 = x06.fma(g50, c010);
                c011 = x06.fma(g51, c011);
                c020 = x07.fma(g50, c020);
                c021 = x07.fma(g51, c021);
                FloatVector x17 = FloatVector.broadcast(SPECIES, in[i1 + 7]);
                c100 = x15.fma(g50, c100);
                c101 = x15.fma(g51, c101);
                c110 = x16.fma(g50, c110);
                c111 = x16.fma(g51, c111);
                c120 = x17.fma(g50, c120);
                c121 = x17.fma(g51, c121);
                FloatVector x27 = FloatVector.broadcast(SPECIES, in[i2 + 7]);
                c200 = x25.fma(g50, c200);
                c201 = x25.fma(g51, c201);
                c210 = x26.fma(g50, c210);
                c211 = x26.fma(g51, c211);
                c220 = x27.fma(g50, c220);
                c221 = x27.fma(g51, c221);
                FloatVector g60 = FloatVector.fromArray(SPECIES, dy, d + 6 * ldd);
                FloatVector g61 = FloatVector.fromArray(SPECIES, dy, d + 6 * ldd + LANES);
                FloatVector x08 = FloatVector.broadcast(SPECIES, in[i0 + 8]);
                c000 = x06.fma(g60, c000);
                c001 = x06.fma(g61, c001);
                c010 = x07.fma(g60, c010);
                c011 = x07.fma(g61, c011);
                c020 = x08.fma(g60, c020);
                c021 = x08.fma(g61, c021);
                FloatVector x18 = FloatVector.broadcast(SPECIES, in[i1 + 8]);
                c100 = x16.fma(g60, c100);
                c101 = x16.fma(g61, c101);
                c110 = x17.fma(g60, c110);
                c111 = x17.fma(g61, c111);
                c120 = x18.fma(g60, c120);
                c121 = x18.fma(g61, c121);
                FloatVector x28 = FloatVector.broadcast(SPECIES, in[i2 + 8]);
                c200 = x26.fma(g60, c200);
                c201 = x26.fma(g61, c201);
                c210 = x27.fma(g60, c210);
                c211 = x27.fma(g61, c211);
                c220 = x28.fma(g60, c220);
                c221 = x28.fma(g61, c221);
                FloatVector g70 = FloatVector.fromArray(SPECIES, dy, d + 7 * ldd);
                FloatVector g71 = FloatVector.fromArray(SPECIES, dy, d + 7 * ldd + LANES);
                FloatVector x09 = FloatVector.broadcast(SPECIES, in[i0 + 9]);
                c000 = x07.fma(g70, c000);
                c001 = x07.fma(g71, c001);
                c010 = x08.fma(g70, c010);
                c011 = x08.fma(g71, c011);
                c020 = x09.fma(g70, c020);
                c021 = x09.fma(g71, c021);
                FloatVector x19 = FloatVector.broadcast(SPECIES, in[i1 + 9]);
                c100 = x17.fma(g70, c100);
                c101 = x17.fma(g71, c101);
                c110 = x18.fma(g70, c110);
                c111 = x18.fma(g71, c111);
                c120 = x19.fma(g70, c120);
                c121 = x19.fma(g71, c121);
                FloatVector x29 = FloatVector.broadcast(SPECIES, in[i2 + 9]);
                c200 = x27.fma(g70, c200);
                c201 = x27.fma(g71, c201);
                c210 = x28.fma(g70, c210);
                c211 = x28.fma(g71, c211);
                c220 = x29.fma(g70, c220);
                c221 = x29.fma(g71, c221);
            }
            c000.intoArray(dw, a00);
            c001.intoArray(dw, a00 + LANES);
            c010.intoArray(dw, a01);
            c011.intoArray(dw, a01 + LANES);
            c020.intoArray(dw, a02);
            c021.intoArray(dw, a02 + LANES);
            c100.intoArray(dw, a10);
            c101.intoArray(dw, a10 + LANES);
            c110.intoArray(dw, a11);
            c111.intoArray(dw, a11 + LANES);
            c120.intoArray(dw, a12);
            c121.intoArray(dw, a12 + LANES);
            c200.intoArray(dw, a20);
            c201.intoArray(dw, a20 + LANES);
            c210.intoArray(dw, a21);
            c211.intoArray(dw, a21 + LANES);
            c220.intoArray(dw, a22);
            c221.intoArray(dw, a22 + LANES);
        }
    }

    /** {@link #rowGradients} on runs of 7. */
    private static void rowGradient7(float[] dy, int ldd, int dyAt, int[] off, int k, float[] in, int[] base,
                                     int from, int to, float[] dw, int ldw, int dwAt) {
        for (int j = 0; j < k; j += 9) {
            int o0 = off[j + 0];
            int o1 = off[j + 3];
            int o2 = off[j + 6];
            int a00 = dwAt + (j + 0) * ldw;
            FloatVector c000 = FloatVector.fromArray(SPECIES, dw, a00);
            FloatVector c001 = FloatVector.fromArray(SPECIES, dw, a00 + LANES);
            int a01 = dwAt + (j + 1) * ldw;
            FloatVector c010 = FloatVector.fromArray(SPECIES, dw, a01);
            FloatVector c011 = FloatVector.fromArray(SPECIES, dw, a01 + LANES);
            int a02 = dwAt + (j + 2) * ldw;
            FloatVector c020 = FloatVector.fromArray(SPECIES, dw, a02);
            FloatVector c021 = FloatVector.fromArray(SPECIES, dw, a02 + LANES);
            int a10 = dwAt + (j + 3) * ldw;
            FloatVector c100 = FloatVector.fromArray(SPECIES, dw, a10);
            FloatVector c101 = FloatVector.fromArray(SPECIES, dw, a10 + LANES);
            int a11 = dwAt + (j + 4) * ldw;
            FloatVector c110 = FloatVector.fromArray(SPECIES, dw, a11);
            FloatVector c111 = FloatVector.fromArray(SPECIES, dw, a11 + LANES);
            int a12 = dwAt + (j + 5) * ldw;
            FloatVector c120 = FloatVector.fromArray(SPECIES, dw, a12);
            FloatVector c121 = FloatVector.fromArray(SPECIES, dw, a12 + LANES);
            int a20 = dwAt + (j + 6) * ldw;
            FloatVector c200 = FloatVector.fromArray(SPECIES, dw, a20);
            FloatVector c201 = FloatVector.fromArray(SPECIES, dw, a20 + LANES);
            int a21 = dwAt + (j + 7) * ldw;
            FloatVector c210 = FloatVector.fromArray(SPECIES, dw, a21);
            FloatVector c211 = FloatVector.fromArray(SPECIES, dw, a21 + LANES);
            int a22 = dwAt + (j + 8) * ldw;
            FloatVector c220 = FloatVector.fromArray(SPECIES, dw, a22);
            FloatVector c221 = FloatVector.fromArray(SPECIES, dw, a22 + LANES);
            for (int p = from, d = dyAt + from * ldd; p < to; p += 7, d += 7 * ldd) {
                int b = base[p];
                int i0 = b + o0;
                int i1 = b + o1;
                int i2 = b + o2;
                FloatVector x00 = FloatVector.broadcast(SPECIES, in[i0]);
                FloatVector x01 = FloatVector.broadcast(SPECIES, in[i0 + 1]);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[i1]);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[i1 + 1]);
                FloatVector x20 = FloatVector.broadcast(SPECIES, in[i2]);
                FloatVector x21 = FloatVector.broadcast(SPECIES, in[i2 + 1]);
                FloatVector g00 = FloatVector.fromArray(SPECIES, dy, d);
                FloatVector g01 = FloatVector.fromArray(SPECIES, dy, d + LANES);
                FloatVector x02 = FloatVector.broadcast(SPECIES, in[i0 + 2]);
                c000 = x00.fma(g00, c000);
                c001 = x00.fma(g01, c001);
                c010 = x01.fma(g00, c010);
                c011 = x01.fma(g01, c011);
                c020 = x02.fma(g00, c020);
                c021 = x02.fma(g01, c021);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[i1 + 2]);
                c100 = x10.fma(g00, c100);
                c101 = x10.fma(g01, c101);
                c110 = x11.fma(g00, c110);
                c111 = x11.fma(g01, c111);
                c120 = x12.fma(g00, c120);
                c121 = x12.fma(g01, c121);
                FloatVector x22 = FloatVector.broadcast(SPECIES, in[i2 + 2]);
                c200 = x20.fma(g00, c200);
                c201 = x20.fma(g01, c201);
                c210 = x21.fma(g00, c210);
                c211 = x21.fma(g01, c211);
                c220 = x22.fma(g00, c220);
                c221 = x22.fma(g01, c221);
                FloatVector g10 = FloatVector.fromArray(SPECIES, dy, d + ldd);
                FloatVector g11 = FloatVector.fromArray(SPECIES, dy, d + ldd + LANES);
                FloatVector x03 = FloatVector.broadcast(SPECIES, in[i0 + 3]);
                c000 = x01.fma(g10, c000);
                c001 = x01.fma(g11, c001);
                c010 = x02.fma(g10, c010);
                c011 = x02.fma(g11, c011);
                c020 = x03.fma(g10, c020);
                c021 = x03.fma(g11, c021);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[i1 + 3]);
                c100 = x11.fma(g10, c100);
                c101 = x11.fma(g11, c101);
                c110 = x12.fma(g10, c110);
                c111 = x12.fma(g11, c111);
                c120 = x13.fma(g10, c120);
                c121 = x13.fma(g11, c121);
                FloatVector x23 = FloatVector.broadcast(SPECIES, in[i2 + 3]);
                c200 = x21.fma(g10, c200);
                c201 = x21.fma(g11, c201);
                c210 = x22.fma(g10, c210);
                c211 = x22.fma(g11, c211);
                c220 = x23.fma(g10, c220);
                c221 = x23.fma(g11, c221);
                FloatVector g20 = FloatVector.fromArray(SPECIES, dy, d + 2 * ldd);
                FloatVector g21 = FloatVector.fromArray(SPECIES, dy, d + 2 * ldd + LANES);
                FloatVector x04 = FloatVector.broadcast(SPECIES, in[i0 + 4]);
                c000 = x02.fma(g20, c000);
                c001 = x02.fma(g21, c001);
                c010 = x03.fma(g20, c010);
                c011 = x03.fma(g21, c011);
                c020 = x04.fma(g20, c020);
                c021 = x04.fma(g21, c021);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[i1 + 4]);
                c100 = x12.fma(g20, c100);
                c101 = x12.fma(g21, c101);
                c110 = x13.fma(g20, c110);
                c111 = x13.fma(g21, c111);
                c120 = x14.fma(g20, c120);
                c121 = x14.fma(g21, c121);
                FloatVector x24 = FloatVector.broadcast(SPECIES, in[i2 + 4]);
                c200 = x22.fma(g20, c200);
                c201 = x22.fma(g21, c201);
                c210 = x23.fma(g20, c210);
                c211 = x23.fma(g21, c211);
                c220 = x24.fma(g20, c220);
                c221 = x24.fma(g21, c221);
                FloatVector g30 = FloatVector.fromArray(SPECIES, dy, d + 3 * ldd);
                FloatVector g31 = FloatVector.fromArray(SPECIES, dy, d + 3 * ldd + LANES);
                FloatVector x05 = FloatVector.broadcast(SPECIES, in[i0 + 5]);
                c000 = x03.fma(g30, c000);
                c001 = x03.fma(g31, c001);
                c010 = x04.fma(g30, c010);
                c011 = x04.fma(g31, c011);
                c020 = x05.fma(g30, c020);
                c021 = x05.fma(g31, c021);
                FloatVector x15 = FloatVector.broadcast(SPECIES, in[i1 + 5]);
                c100 = x13.fma(g30, c100);
                c101 = x13.fma(g31, c101);
                c110 = x14.fma(g30, c110);
                c111 = x14.fma(g31, c111);
                c120 = x15.fma(g30, c120);
                c121 = x15.fma(g31, c121);
                FloatVector x25 = FloatVector.broadcast(SPECIES, in[i2 + 5]);
                c200 = x23.fma(g30, c200);
                c201 = x23.fma(g31, c201);
                c210 = x24.fma(g30, c210);
                c211 = x24.fma(g31, c211);
                c220 = x25.fma(g30, c220);
                c221 = x25.fma(g31, c221);
                FloatVector g40 = FloatVector.fromArray(SPECIES, dy, d + 4 * ldd);
                FloatVector g41 = FloatVector.fromArray(SPECIES, dy, d + 4 * ldd + LANES);
                FloatVector x06 = FloatVector.broadcast(SPECIES, in[i0 + 6]);
                c000 = x04.fma(g40, c000);
                c001 = x04.fma(g41, c001);
                c010 = x05.fma(g40, c010);
                c011 = x05.fma(g41, c011);
                c020 = x06.fma(g40, c020);
                c021 = x06.fma(g41, c021);
                FloatVector x16 = FloatVector.broadcast(SPECIES, in[i1 + 6]);
                c100 = x14.fma(g40, c100);
                c101 = x14.fma(g41, c101);
                c110 = x15.fma(g40, c110);
                c111 = x15.fma(g41, c111);
                c120 = x16.fma(g40, c120);
                c121 = x16.fma(g41, c121);
                FloatVector x26 = FloatVector.broadcast(SPECIES, in[i2 + 6]);
                c200 = x24.fma(g40, c200);
                c201 = x24.fma(g41, c201);
                c210 = x25.fma(g40, c210);
                c211 = x25.fma(g41, c211);
                c220 = x26.fma(g40, c220);
                c221 = x26.fma(g41, c221);
                FloatVector g50 = FloatVector.fromArray(SPECIES, dy, d + 5 * ldd);
                FloatVector g51 = FloatVector.fromArray(SPECIES, dy, d + 5 * ldd + LANES);
                FloatVector x07 = FloatVector.broadcast(SPECIES, in[i0 + 7]);
                c000 = x05.fma(g50, c000);
                c001 = x05.fma(g51, c001);
                c010 = x06.fma(g50, c010);
                c011 = x06.fma(g51, c011);
                c020 = x07.fma(g50, c020);
                c021 = x07.fma(g51, c021);
                FloatVector x17 = FloatVector.broadcast(SPECIES, in[i1 + 7]);
                c100 = x15.fma(g50, c100);
                c101 = x15.fma(g51, c101);
                c110 = x16.fma(g50, c110);
                c111 = x16.fma(g51, c111);
                c120 = x17.fma(g50, c120);
                c121 = x17.fma(g51, c121);
                FloatVector x27 = FloatVector.broadcast(SPECIES, in[i2 + 7]);
                c200 = x25.fma(g50, c200);
                c201 = x25.fma(g51, c201);
                c210 = x26.fma(g50, c210);
                c211 = x26.fma(g51, c211);
                c220 = x27.fma(g50, c220);
                c221 = x27.fma(g51, c221);
                FloatVector g60 = FloatVector.fromArray(SPECIES, dy, d + 6 * ldd);
                FloatVector g61 = FloatVector.fromArray(SPECIES, dy, d + 6 * ldd + LANES);
                FloatVector x08 = FloatVector.broadcast(SPECIES, in[i0 + 8]);
                c000 = x06.fma(g60, c000);
                c001 = x06.fma(g61, c001);
                c010 = x07.fma(g60, c010);
                c011 = x07.fma(g61, c011);
                c020 = x08.fma(g60, c020);
                c021 = x08.fma(g61, c021);
                FloatVector x18 = FloatVector.broadcast(SPECIES, in[i1 + 8]);
                c100 = x16.fma(g60, c100);
                c101 = x16.fma(g61, c101);
                c110 = x17.fma(g60, c110);
                c111 = x17.fma(g61, c111);
                c120 = x18.fma(g60, c120);
                c121 = x18.fma(g61, c121);
                FloatVector x28 = FloatVector.broadcast(SPECIES, in[i2 + 8]);
                c200 = x26.fma(g60, c200);
                c201 = x26.fma(g61, c201);
                c210 = x27.fma(g60, c210);
                c211 = x27.fma(g61, c211);
                c220 = x28.fma(g60, c220);
                c221 = x28.fma(g61, c221);
            }
            c000.intoArray(dw, a00);
            c001.intoArray(dw, a00 + LANES);
            c010.intoArray(dw, a01);
            c011.intoArray(dw, a01 + LANES);
            c020.intoArray(dw, a02);
            c021.intoArray(dw, a02 + LANES);
            c100.intoArray(dw, a10);
            c101.intoArray(dw, a10 + LANES);
            c110.intoArray(dw, a11);
            c111.intoArray(dw, a11 + LANES);
            c120.intoArray(dw, a12);
            c121.intoArray(dw, a12 + LANES);
            c200.intoArray(dw, a20);
            c201.intoArray(dw, a20 + LANES);
            c210.intoArray(dw, a21);
            c211.intoArray(dw, a21 + LANES);
            c220.intoArray(dw, a22);
            c221.intoArray(dw, a22 + LANES);
        }
    }

    /** {@link #rows} for a last single vector of channels on runs of 16: 16 positions by 1 vector. */
    private static void rowTile16x1(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                   int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s = FloatVector.fromArray(SPECIES, bias, outCol);
        for (int p = from; p < to; p += 16) {
            int b = base[p];
            FloatVector c0 = s;
            FloatVector c1 = s;
            FloatVector c2 = s;
            FloatVector c3 = s;
            FloatVector c4 = s;
            FloatVector c5 = s;
            FloatVector c6 = s;
            FloatVector c7 = s;
            FloatVector c8 = s;
            FloatVector c9 = s;
            FloatVector c10 = s;
            FloatVector c11 = s;
            FloatVector c12 = s;
            FloatVector c13 = s;
            FloatVector c14 = s;
            FloatVector c15 = s;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w1 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w2 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c0 = x0.fma(w0, c0);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c1 = x1.fma(w0, c1);
                c0 = x1.fma(w1, c0);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c2 = x2.fma(w0, c2);
                c1 = x2.fma(w1, c1);
                c0 = x2.fma(w2, c0);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c3 = x3.fma(w0, c3);
                c2 = x3.fma(w1, c2);
                c1 = x3.fma(w2, c1);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c4 = x4.fma(w0, c4);
                c3 = x4.fma(w1, c3);
                c2 = x4.fma(w2, c2);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c5 = x5.fma(w0, c5);
                c4 = x5.fma(w1, c4);
                c3 = x5.fma(w2, c3);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c6 = x6.fma(w0, c6);
                c5 = x6.fma(w1, c5);
                c4 = x6.fma(w2, c4);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c7 = x7.fma(w0, c7);
                c6 = x7.fma(w1, c6);
                c5 = x7.fma(w2, c5);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c8 = x8.fma(w0, c8);
                c7 = x8.fma(w1, c7);
                c6 = x8.fma(w2, c6);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c9 = x9.fma(w0, c9);
                c8 = x9.fma(w1, c8);
                c7 = x9.fma(w2, c7);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                c10 = x10.fma(w0, c10);
                c9 = x10.fma(w1, c9);
                c8 = x10.fma(w2, c8);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[o + 11]);
                c11 = x11.fma(w0, c11);
                c10 = x11.fma(w1, c10);
                c9 = x11.fma(w2, c9);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[o + 12]);
                c12 = x12.fma(w0, c12);
                c11 = x12.fma(w1, c11);
                c10 = x12.fma(w2, c10);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[o + 13]);
                c13 = x13.fma(w0, c13);
                c12 = x13.fma(w1, c12);
                c11 = x13.fma(w2, c11);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[o + 14]);
                c14 = x14.fma(w0, c14);
                c13 = x14.fma(w1, c13);
                c12 = x14.fma(w2, c12);
                FloatVector x15 = FloatVector.broadcast(SPECIES, in[o + 15]);
                c15 = x15.fma(w0, c15);
                c14 = x15.fma(w1, c14);
                c13 = x15.fma(w2, c13);
                FloatVector x16 = FloatVector.broadcast(SPECIES, in[o + 16]);
                c15 = x16.fma(w1, c15);
                c14 = x16.fma(w2, c14);
                FloatVector x17 = FloatVector.broadcast(SPECIES, in[o + 17]);
                c15 = x17.fma(w2, c15);
            }
            c0.intoArray(out, outAt[p] + outCol);
            c1.intoArray(out, outAt[p + 1] + outCol);
            c2.intoArray(out, outAt[p + 2] + outCol);
            c3.intoArray(out, outAt[p + 3] + outCol);
            c4.intoArray(out, outAt[p + 4] + outCol);
            c5.intoArray(out, outAt[p + 5] + outCol);
            c6.intoArray(out, outAt[p + 6] + outCol);
            c7.intoArray(out, outAt[p + 7] + outCol);
            c8.intoArray(out, outAt[p + 8] + outCol);
            c9.intoArray(out, outAt[p + 9] + outCol);
            c10.intoArray(out, outAt[p + 10] + outCol);
            c11.intoArray(out, outAt[p + 11] + outCol);
            c12.intoArray(out, outAt[p + 12] + outCol);
            c13.intoArray(out, outAt[p + 13] + outCol);
            c14.intoArray(out, outAt[p + 14] + outCol);
            c15.intoArray(out, outAt[p + 15] + outCol);
        }
    }

    /** {@link #rows} for a last single vector of channels on runs of 14: 14 positions by 1 vector. */
    private static void rowTile14x1(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                                   int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s = FloatVector.fromArray(SPECIES, bias, outCol);
        for (int p = from; p < to; p += 14) {
            int b = base[p];
            FloatVector c0 = s;
            FloatVector c1 = s;
            FloatVector c2 = s;
            FloatVector c3 = s;
            FloatVector c4 = s;
            FloatVector c5 = s;
            FloatVector c6 = s;
            FloatVector c7 = s;
            FloatVector c8 = s;
            FloatVector c9 = s;
            FloatVector c10 = s;
            FloatVector c11 = s;
            FloatVector c12 = s;
            FloatVector c13 = s;
            for (int j = 0, wj = outCol; j < k; j += 3, wj += 3 * ldw) {
                int o = b + off[j];
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w1 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w2 = FloatVector.fromArray(SPECIES, w, wj + 2 * ldw);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c0 = x0.fma(w0, c0);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c1 = x1.fma(w0, c1);
                c0 = x1.fma(w1, c0);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c2 = x2.fma(w0, c2);
                c1 = x2.fma(w1, c1);
                c0 = x2.fma(w2, c0);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c3 = x3.fma(w0, c3);
                c2 = x3.fma(w1, c2);
                c1 = x3.fma(w2, c1);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c4 = x4.fma(w0, c4);
                c3 = x4.fma(w1, c3);
                c2 = x4.fma(w2, c2);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c5 = x5.fma(w0, c5);
                c4 = x5.fma(w1, c4);
                c3 = x5.fma(w2, c3);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c6 = x6.fma(w0, c6);
                c5 = x6.fma(w1, c5);
                c4 = x6.fma(w2, c4);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c7 = x7.fma(w0, c7);
                c6 = x7.fma(w1, c6);
                c5 = x7.fma(w2, c5);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c8 = x8.fma(w0, c8);
                c7 = x8.fma(w1, c7);
                c6 = x8.fma(w2, c6);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c9 = x9.fma(w0, c9);
                c8 = x9.fma(w1, c8);
                c7 = x9.fma(w2, c7);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                c10 = x10.fma(w0, c10);
                c9 = x10.fma(w1, c9);
                c8 = x10.fma(w2, c8);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[o + 11]);
                c11 = x11.fma(w0, c11);
                c10 = x11.fma(w1, c10);
                c9 = x11.fma(w2, c9);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[o + 12]);
                c12 = x12.fma(w0, c12);
                c11 = x12.fma(w1, c11);
                c10 = x12.fma(w2, c10);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[o + 13]);
                c13 = x13.fma(w0, c13);
                c12 = x13.fma(w1, c12);
                c11 = x13.fma(w2, c11);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[o + 14]);
                c13 = x14.fma(w1, c13);
                c12 = x14.fma(w2, c12);
                FloatVector x15 = FloatVector.broadcast(SPECIES, in[o + 15]);
                c13 = x15.fma(w2, c13);
            }
            c0.intoArray(out, outAt[p] + outCol);
            c1.intoArray(out, outAt[p + 1] + outCol);
            c2.intoArray(out, outAt[p + 2] + outCol);
            c3.intoArray(out, outAt[p + 3] + outCol);
            c4.intoArray(out, outAt[p + 4] + outCol);
            c5.intoArray(out, outAt[p + 5] + outCol);
            c6.intoArray(out, outAt[p + 6] + outCol);
            c7.intoArray(out, outAt[p + 7] + outCol);
            c8.intoArray(out, outAt[p + 8] + outCol);
            c9.intoArray(out, outAt[p + 9] + outCol);
            c10.intoArray(out, outAt[p + 10] + outCol);
            c11.intoArray(out, outAt[p + 11] + outCol);
            c12.intoArray(out, outAt[p + 12] + outCol);
            c13.intoArray(out, outAt[p + 13] + outCol);
        }
    }

    /** {@link #rowGradients} for a last single vector of channels on runs of 16: 9 accumulators. */
    private static void rowGradient16x1(float[] dy, int ldd, int dyAt, int[] off, int k, float[] in, int[] base,
                                       int from, int to, float[] dw, int ldw, int dwAt) {
        for (int j = 0; j < k; j += 9) {
            int o0 = off[j + 0];
            int o1 = off[j + 3];
            int o2 = off[j + 6];
            int a00 = dwAt + (j + 0) * ldw;
            FloatVector c00 = FloatVector.fromArray(SPECIES, dw, a00);
            int a01 = dwAt + (j + 1) * ldw;
            FloatVector c01 = FloatVector.fromArray(SPECIES, dw, a01);
            int a02 = dwAt + (j + 2) * ldw;
            FloatVector c02 = FloatVector.fromArray(SPECIES, dw, a02);
            int a10 = dwAt + (j + 3) * ldw;
            FloatVector c10 = FloatVector.fromArray(SPECIES, dw, a10);
            int a11 = dwAt + (j + 4) * ldw;
            FloatVector c11 = FloatVector.fromArray(SPECIES, dw, a11);
            int a12 = dwAt + (j + 5) * ldw;
            FloatVector c12 = FloatVector.fromArray(SPECIES, dw, a12);
            int a20 = dwAt + (j + 6) * ldw;
            FloatVector c20 = FloatVector.fromArray(SPECIES, dw, a20);
            int a21 = dwAt + (j + 7) * ldw;
            FloatVector c21 = FloatVector.fromArray(SPECIES, dw, a21);
            int a22 = dwAt + (j + 8) * ldw;
            FloatVector c22 = FloatVector.fromArray(SPECIES, dw, a22);
            for (int p = from, d = dyAt + from * ldd; p < to; p += 16, d += 16 * ldd) {
                int b = base[p];
                int i0 = b + o0;
                int i1 = b + o1;
                int i2 = b + o2;
                FloatVector x0_0 = FloatVector.broadcast(SPECIES, in[i0]);
                FloatVector x0_1 = FloatVector.broadcast(SPECIES, in[i0 + 1]);
                FloatVector x1_0 = FloatVector.broadcast(SPECIES, in[i1]);
                FloatVector x1_1 = FloatVector.broadcast(SPECIES, in[i1 + 1]);
                FloatVector x2_0 = FloatVector.broadcast(SPECIES, in[i2]);
                FloatVector x2_1 = FloatVector.broadcast(SPECIES, in[i2 + 1]);
                FloatVector g0 = FloatVector.fromArray(SPECIES, dy, d);
                FloatVector x0_2 = FloatVector.broadcast(SPECIES, in[i0 + 2]);
                c00 = x0_0.fma(g0, c00);
                c01 = x0_1.fma(g0, c01);
                c02 = x0_2.fma(g0, c02);
                FloatVector x1_2 = FloatVector.broadcast(SPECIES, in[i1 + 2]);
                c10 = x1_0.fma(g0, c10);
                c11 = x1_1.fma(g0, c11);
                c12 = x1_2.fma(g0, c12);
                FloatVector x2_2 = FloatVector.broadcast(SPECIES, in[i2 + 2]);
                c20 = x2_0.fma(g0, c20);
                c21 = x2_1.fma(g0, c21);
                c22 = x2_2.fma(g0, c22);
                FloatVector g1 = FloatVector.fromArray(SPECIES, dy, d + ldd);
                FloatVector x0_3 = FloatVector.broadcast(SPECIES, in[i0 + 3]);
                c00 = x0_1.fma(g1, c00);
                c01 = x0_2.fma(g1, c01);
                c02 = x0_3.fma(g1, c02);
                FloatVector x1_3 = FloatVector.broadcast(SPECIES, in[i1 + 3]);
                c10 = x1_1.fma(g1, c10);
                c11 = x1_2.fma(g1, c11);
                c12 = x1_3.fma(g1, c12);
                FloatVector x2_3 = FloatVector.broadcast(SPECIES, in[i2 + 3]);
                c20 = x2_1.fma(g1, c20);
                c21 = x2_2.fma(g1, c21);
                c22 = x2_3.fma(g1, c22);
                FloatVector g2 = FloatVector.fromArray(SPECIES, dy, d + 2 * ldd);
                FloatVector x0_4 = FloatVector.broadcast(SPECIES, in[i0 + 4]);
                c00 = x0_2.fma(g2, c00);
                c01 = x0_3.fma(g2, c01);
                c02 = x0_4.fma(g2, c02);
                FloatVector x1_4 = FloatVector.broadcast(SPECIES, in[i1 + 4]);
                c10 = x1_2.fma(g2, c10);
                c11 = x1_3.fma(g2, c11);
                c12 = x1_4.fma(g2, c12);
                FloatVector x2_4 = FloatVector.broadcast(SPECIES, in[i2 + 4]);
                c20 = x2_2.fma(g2, c20);
                c21 = x2_3.fma(g2, c21);
                c22 = x2_4.fma(g2, c22);
                FloatVector g3 = FloatVector.fromArray(SPECIES, dy, d + 3 * ldd);
                FloatVector x0_5 = FloatVector.broadcast(SPECIES, in[i0 + 5]);
                c00 = x0_3.fma(g3, c00);
                c01 = x0_4.fma(g3, c01);
                c02 = x0_5.fma(g3, c02);
                FloatVector x1_5 = FloatVector.broadcast(SPECIES, in[i1 + 5]);
                c10 = x1_3.fma(g3, c10);
                c11 = x1_4.fma(g3, c11);
                c12 = x1_5.fma(g3, c12);
                FloatVector x2_5 = FloatVector.broadcast(SPECIES, in[i2 + 5]);
                c20 = x2_3.fma(g3, c20);
                c21 = x2_4.fma(g3, c21);
                c22 = x2_5.fma(g3, c22);
                FloatVector g4 = FloatVector.fromArray(SPECIES, dy, d + 4 * ldd);
                FloatVector x0_6 = FloatVector.broadcast(SPECIES, in[i0 + 6]);
                c00 = x0_4.fma(g4, c00);
                c01 = x0_5.fma(g4, c01);
                c02 = x0_6.fma(g4, c02);
                FloatVector x1_6 = FloatVector.broadcast(SPECIES, in[i1 + 6]);
                c10 = x1_4.fma(g4, c10);
                c11 = x1_5.fma(g4, c11);
                c12 = x1_6.fma(g4, c12);
                FloatVector x2_6 = FloatVector.broadcast(SPECIES, in[i2 + 6]);
                c20 = x2_4.fma(g4, c20);
                c21 = x2_5.fma(g4, c21);
                c22 = x2_6.fma(g4, c22);
                FloatVector g5 = FloatVector.fromArray(SPECIES, dy, d + 5 * ldd);
                FloatVector x0_7 = FloatVector.broadcast(SPECIES, in[i0 + 7]);
                c00 = x0_5.fma(g5, c00);
                c01 = x0_6.fma(g5, c01);
                c02 = x0_7.fma(g5, c02);
                FloatVector x1_7 = FloatVector.broadcast(SPECIES, in[i1 + 7]);
                c10 = x1_5.fma(g5, c10);
                c11 = x1_6.fma(g5, c11);
                c12 = x1_7.fma(g5, c12);
                FloatVector x2_7 = FloatVector.broadcast(SPECIES, in[i2 + 7]);
                c20 = x2_5.fma(g5, c20);
                c21 = x2_6.fma(g5, c21);
                c22 = x2_7.fma(g5, c22);
                FloatVector g6 = FloatVector.fromArray(SPECIES, dy, d + 6 * ldd);
                FloatVector x0_8 = FloatVector.broadcast(SPECIES, in[i0 + 8]);
                c00 = x0_6.fma(g6, c00);
                c01 = x0_7.fma(g6, c01);
                c02 = x0_8.fma(g6, c02);
                FloatVector x1_8 = FloatVector.broadcast(SPECIES, in[i1 + 8]);
                c10 = x1_6.fma(g6, c10);
                c11 = x1_7.fma(g6, c11);
                c12 = x1_8.fma(g6, c12);
                FloatVector x2_8 = FloatVector.broadcast(SPECIES, in[i2 + 8]);
                c20 = x2_6.fma(g6, c20);
                c21 = x2_7.fma(g6, c21);
                c22 = x2_8.fma(g6, c22);
                FloatVector g7 = FloatVector.fromArray(SPECIES, dy, d + 7 * ldd);
                FloatVector x0_9 = FloatVector.broadcast(SPECIES, in[i0 + 9]);
                c00 = x0_7.fma(g7, c00);
                c01 = x0_8.fma(g7, c01);
                c02 = x0_9.fma(g7, c02);
                FloatVector x1_9 = FloatVector.broadcast(SPECIES, in[i1 + 9]);
                c10 = x1_7.fma(g7, c10);
                c11 = x1_8.fma(g7, c11);
                c12 = x1_9.fma(g7, c12);
                FloatVector x2_9 = FloatVector.broadcast(SPECIES, in[i2 + 9]);
                c20 = x2_7.fma(g7, c20);
                c21 = x2_8.fma(g7, c21);
                c22 = x2_9.fma(g7, c22);
                FloatVector g8 = FloatVector.fromArray(SPECIES, dy, d + 8 * ldd);
                FloatVector x0_10 = FloatVector.broadcast(SPECIES, in[i0 + 10]);
                c00 = x0_8.fma(g8, c00);
                c01 = x0_9.fma(g8, c01);
                c02 = x0_10.fma(g8, c02);
                FloatVector x1_10 = FloatVector.broadcast(SPECIES, in[i1 + 10]);
                c10 = x1_8.fma(g8, c10);
                c11 = x1_9.fma(g8, c11);
                c12 = x1_10.fma(g8, c12);
                FloatVector x2_10 = FloatVector.broadcast(SPECIES, in[i2 + 10]);
                c20 = x2_8.fma(g8, c20);
                c21 = x2_9.fma(g8, c21);
                c22 = x2_10.fma(g8, c22);
                FloatVector g9 = FloatVector.fromArray(SPECIES, dy, d + 9 * ldd);
                FloatVector x0_11 = FloatVector.broadcast(SPECIES, in[i0 + 11]);
                c00 = x0_9.fma(g9, c00);
                c01 = x0_10.fma(g9, c01);
                c02 = x0_11.fma(g9, c02);
                FloatVector x1_11 = FloatVector.broadcast(SPECIES, in[i1 + 11]);
                c10 = x1_9.fma(g9, c10);
                c11 = x1_10.fma(g9, c11);
                c12 = x1_11.fma(g9, c12);
                FloatVector x2_11 = FloatVector.broadcast(SPECIES, in[i2 + 11]);
                c20 = x2_9.fma(g9, c20);
                c21 = x2_10.fma(g9, c21);
                c22 = x2_11.fma(g9, c22);
                FloatVector g10 = FloatVector.fromArray(SPECIES, dy, d + 10 * ldd);
                FloatVector x0_12 = FloatVector.broadcast(SPECIES, in[i0 + 12]);
                c00 = x0_10.fma(g10, c00);
                c01 = x0_11.fma(g10, c01);
                c02 = x0_12.fma(g10, c02);
                FloatVector x1_12 = FloatVector.broadcast(SPECIES, in[i1 + 12]);
                c10 = x1_10.fma(g10, c10);
                c11 = x1_11.fma(g10, c11);
                c12 = x1_12.fma(g10, c12);
                FloatVector x2_12 = FloatVector.broadcast(SPECIES, in[i2 + 12]);
                c20 = x2_10.fma(g10, c20);
                c21 = x2_11.fma(g10, c21);
                c22 = x2_12.fma(g10, c22);
                FloatVector g11 = FloatVector.fromArray(SPECIES, dy, d + 11 * ldd);
                FloatVector x0_13 = FloatVector.broadcast(SPECIES, in[i0 + 13]);
                c00 = x0_11.fma(g11, c00);
                c01 = x0_12.fma(g11, c01);
                c02 = x0_13.fma(g11, c02);
                FloatVector x1_13 = FloatVector.broadcast(SPECIES, in[i1 + 13]);
                c10 = x1_11.fma(g11, c10);
                c11 = x1_12.fma(g11, c11);
                c12 = x1_13.fma(g11, c12);
                FloatVector x2_13 = FloatVector.broadcast(SPECIES, in[i2 + 13]);
                c20 = x2_11.fma(g11, c20);
                c21 = x2_12.fma(g11, c21);
                c22 = x2_13.fma(g11, c22);
                FloatVector g12 = FloatVector.fromArray(SPECIES, dy, d + 12 * ldd);
                FloatVector x0_14 = FloatVector.broadcast(SPECIES, in[i0 + 14]);
                c00 = x0_12.fma(g12, c00);
                c01 = x0_13.fma(g12, c01);
                c02 = x0_14.fma(g12, c02);
                FloatVector x1_14 = FloatVector.broadcast(SPECIES, in[i1 + 14]);
                c10 = x1_12.fma(g12, c10);
                c11 = x1_13.fma(g12, c11);
                c12 = x1_14.fma(g12, c12);
                FloatVector x2_14 = FloatVector.broadcast(SPECIES, in[i2 + 14]);
                c20 = x2_12.fma(g12, c20);
                c21 = x2_13.fma(g12, c21);
                c22 = x2_14.fma(g12, c22);
                FloatVector g13 = FloatVector.fromArray(SPECIES, dy, d + 13 * ldd);
                FloatVector x0_15 = FloatVector.broadcast(SPECIES, in[i0 + 15]);
                c00 = x0_13.fma(g13, c00);
                c01 = x0_14.fma(g13, c01);
                c02 = x0_15.fma(g13, c02);
                FloatVector x1_15 = FloatVector.broadcast(SPECIES, in[i1 + 15]);
                c10 = x1_13.fma(g13, c10);
                c11 = x1_14.fma(g13, c11);
                c12 = x1_15.fma(g13, c12);
                FloatVector x2_15 = FloatVector.broadcast(SPECIES, in[i2 + 15]);
                c20 = x2_13.fma(g13, c20);
                c21 = x2_14.fma(g13, c21);
                c22 = x2_15.fma(g13, c22);
                FloatVector g14 = FloatVector.fromArray(SPECIES, dy, d + 14 * ldd);
                FloatVector x0_16 = FloatVector.broadcast(SPECIES, in[i0 + 16]);
                c00 = x0_14.fma(g14, c00);
                c01 = x0_15.fma(g14, c01);
                c02 = x0_16.fma(g14, c02);
                FloatVector x1_16 = FloatVector.broadcast(SPECIES, in[i1 + 16]);
                c10 = x1_14.fma(g14, c10);
                c11 = x1_15.fma(g14, c11);
                c12 = x1_16.fma(g14, c12);
                FloatVector x2_16 = FloatVector.broadcast(SPECIES, in[i2 + 16]);
                c20 = x2_14.fma(g14, c20);
                c21 = x2_15.fma(g14, c21);
                c22 = x2_16.fma(g14, c22);
                FloatVector g15 = FloatVector.fromArray(SPECIES, dy, d + 15 * ldd);
                FloatVector x0_17 = FloatVector.broadcast(SPECIES, in[i0 + 17]);
                c00 = x0_15.fma(g15, c00);
                c01 = x0_16.fma(g15, c01);
                c02 = x0_17.fma(g15, c02);
                FloatVector x1_17 = FloatVector.broadcast(SPECIES, in[i1 + 17]);
                c10 = x1_15.fma(g15, c10);
                c11 = x1_16.fma(g15, c11);
                c12 = x1_17.fma(g15, c12);
                FloatVector x2_17 = FloatVector.broadcast(SPECIES, in[i2 + 17]);
                c20 = x2_15.fma(g15, c20);
                c21 = x2_16.fma(g15, c21);
                c22 = x2_17.fma(g15, c22);
            }
            c00.intoArray(dw, a00);
            c01.intoArray(dw, a01);
            c02.intoArray(dw, a02);
            c10.intoArray(dw, a10);
            c11.intoArray(dw, a11);
            c12.intoArray(dw, a12);
            c20.intoArray(dw, a20);
            c21.intoArray(dw, a21);
            c22.intoArray(dw, a22);
        }
    }

    /** {@link #rowGradients} for a last single vector of channels on runs of 14: 9 accumulators. */
    private static void rowGradient14x1(float[] dy, int ldd, int dyAt, int[] off, int k, float[] in, int[] base,
                                       int from, int to, float[] dw, int ldw, int dwAt) {
        for (int j = 0; j < k; j += 9) {
            int o0 = off[j + 0];
            int o1 = off[j + 3];
            int o2 = off[j + 6];
            int a00 = dwAt + (j + 0) * ldw;
            FloatVector c00 = FloatVector.fromArray(SPECIES, dw, a00);
            int a01 = dwAt + (j + 1) * ldw;
            FloatVector c01 = FloatVector.fromArray(SPECIES, dw, a01);
            int a02 = dwAt + (j + 2) * ldw;
            FloatVector c02 = FloatVector.fromArray(SPECIES, dw, a02);
            int a10 = dwAt + (j + 3) * ldw;
            FloatVector c10 = FloatVector.fromArray(SPECIES, dw, a10);
            int a11 = dwAt + (j + 4) * ldw;
            FloatVector c11 = FloatVector.fromArray(SPECIES, dw, a11);
            int a12 = dwAt + (j + 5) * ldw;
            FloatVector c12 = FloatVector.fromArray(SPECIES, dw, a12);
            int a20 = dwAt + (j + 6) * ldw;
            FloatVector c20 = FloatVector.fromArray(SPECIES, dw, a20);
            int a21 = dwAt + (j + 7) * ldw;
            FloatVector c21 = FloatVector.fromArray(SPECIES, dw, a21);
            int a22 = dwAt + (j + 8) * ldw;
            FloatVector c22 = FloatVector.fromArray(SPECIES, dw, a22);
            for (int p = from, d = dyAt + from * ldd; p < to; p += 14, d += 14 * ldd) {
                int b = base[p];
                int i0 = b + o0;
                int i1 = b + o1;
                int i2 = b + o2;
                FloatVector x0_0 = FloatVector.broadcast(SPECIES, in[i0]);
                FloatVector x0_1 = FloatVector.broadcast(SPECIES, in[i0 + 1]);
                FloatVector x1_0 = FloatVector.broadcast(SPECIES, in[i1]);
                FloatVector x1_1 = FloatVector.broadcast(SPECIES, in[i1 + 1]);
                FloatVector x2_0 = FloatVector.broadcast(SPECIES, in[i2]);
                FloatVector x2_1 = FloatVector.broadcast(SPECIES, in[i2 + 1]);
                FloatVector g0 = FloatVector.fromArray(SPECIES, dy, d);
                FloatVector x0_2 = FloatVector.broadcast(SPECIES, in[i0 + 2]);
                c00 = x0_0.fma(g0, c00);
                c01 = x0_1.fma(g0, c01);
                c02 = x0_2.fma(g0, c02);
                FloatVector x1_2 = FloatVector.broadcast(SPECIES, in[i1 + 2]);
                c10 = x1_0.fma(g0, c10);
                c11 = x1_1.fma(g0, c11);
                c12 = x1_2.fma(g0, c12);
                FloatVector x2_2 = FloatVector.broadcast(SPECIES, in[i2 + 2]);
                c20 = x2_0.fma(g0, c20);
                c21 = x2_1.fma(g0, c21);
                c22 = x2_2.fma(g0, c22);
                FloatVector g1 = FloatVector.fromArray(SPECIES, dy, d + ldd);
                FloatVector x0_3 = FloatVector.broadcast(SPECIES, in[i0 + 3]);
                c00 = x0_1.fma(g1, c00);
                c01 = x0_2.fma(g1, c01);
                c02 = x0_3.fma(g1, c02);
                FloatVector x1_3 = FloatVector.broadcast(SPECIES, in[i1 + 3]);
                c10 = x1_1.fma(g1, c10);
                c11 = x1_2.fma(g1, c11);
                c12 = x1_3.fma(g1, c12);
                FloatVector x2_3 = FloatVector.broadcast(SPECIES, in[i2 + 3]);
                c20 = x2_1.fma(g1, c20);
                c21 = x2_2.fma(g1, c21);
                c22 = x2_3.fma(g1, c22);
                FloatVector g2 = FloatVector.fromArray(SPECIES, dy, d + 2 * ldd);
                FloatVector x0_4 = FloatVector.broadcast(SPECIES, in[i0 + 4]);
                c00 = x0_2.fma(g2, c00);
                c01 = x0_3.fma(g2, c01);
                c02 = x0_4.fma(g2, c02);
                FloatVector x1_4 = FloatVector.broadcast(SPECIES, in[i1 + 4]);
                c10 = x1_2.fma(g2, c10);
                c11 = x1_3.fma(g2, c11);
                c12 = x1_4.fma(g2, c12);
                FloatVector x2_4 = FloatVector.broadcast(SPECIES, in[i2 + 4]);
                c20 = x2_2.fma(g2, c20);
                c21 = x2_3.fma(g2, c21);
                c22 = x2_4.fma(g2, c22);
                FloatVector g3 = FloatVector.fromArray(SPECIES, dy, d + 3 * ldd);
                FloatVector x0_5 = FloatVector.broadcast(SPECIES, in[i0 + 5]);
                c00 = x0_3.fma(g3, c00);
                c01 = x0_4.fma(g3, c01);
                c02 = x0_5.fma(g3, c02);
                FloatVector x1_5 = FloatVector.broadcast(SPECIES, in[i1 + 5]);
                c10 = x1_3.fma(g3, c10);
                c11 = x1_4.fma(g3, c11);
                c12 = x1_5.fma(g3, c12);
                FloatVector x2_5 = FloatVector.broadcast(SPECIES, in[i2 + 5]);
                c20 = x2_3.fma(g3, c20);
                c21 = x2_4.fma(g3, c21);
                c22 = x2_5.fma(g3, c22);
                FloatVector g4 = FloatVector.fromArray(SPECIES, dy, d + 4 * ldd);
                FloatVector x0_6 = FloatVector.broadcast(SPECIES, in[i0 + 6]);
                c00 = x0_4.fma(g4, c00);
                c01 = x0_5.fma(g4, c01);
                c02 = x0_6.fma(g4, c02);
                FloatVector x1_6 = FloatVector.broadcast(SPECIES, in[i1 + 6]);
                c10 = x1_4.fma(g4, c10);
                c11 = x1_5.fma(g4, c11);
                c12 = x1_6.fma(g4, c12);
                FloatVector x2_6 = FloatVector.broadcast(SPECIES, in[i2 + 6]);
                c20 = x2_4.fma(g4, c20);
                c21 = x2_5.fma(g4, c21);
                c22 = x2_6.fma(g4, c22);
                FloatVector g5 = FloatVector.fromArray(SPECIES, dy, d + 5 * ldd);
                FloatVector x0_7 = FloatVector.broadcast(SPECIES, in[i0 + 7]);
                c00 = x0_5.fma(g5, c00);
                c01 = x0_6.fma(g5, c01);
                c02 = x0_7.fma(g5, c02);
                FloatVector x1_7 = FloatVector.broadcast(SPECIES, in[i1 + 7]);
                c10 = x1_5.fma(g5, c10);
                c11 = x1_6.fma(g5, c11);
                c12 = x1_7.fma(g5, c12);
                FloatVector x2_7 = FloatVector.broadcast(SPECIES, in[i2 + 7]);
                c20 = x2_5.fma(g5, c20);
                c21 = x2_6.fma(g5, c21);
                c22 = x2_7.fma(g5, c22);
                FloatVector g6 = FloatVector.fromArray(SPECIES, dy, d + 6 * ldd);
                FloatVector x0_8 = FloatVector.broadcast(SPECIES, in[i0 + 8]);
                c00 = x0_6.fma(g6, c00);
                c01 = x0_7.fma(g6, c01);
                c02 = x0_8.fma(g6, c02);
                FloatVector x1_8 = FloatVector.broadcast(SPECIES, in[i1 + 8]);
                c10 = x1_6.fma(g6, c10);
                c11 = x1_7.fma(g6, c11);
                c12 = x1_8.fma(g6, c12);
                FloatVector x2_8 = FloatVector.broadcast(SPECIES, in[i2 + 8]);
                c20 = x2_6.fma(g6, c20);
                c21 = x2_7.fma(g6, c21);
                c22 = x2_8.fma(g6, c22);
                FloatVector g7 = FloatVector.fromArray(SPECIES, dy, d + 7 * ldd);
                FloatVector x0_9 = FloatVector.broadcast(SPECIES, in[i0 + 9]);
                c00 = x0_7.fma(g7, c00);
                c01 = x0_8.fma(g7, c01);
                c02 = x0_9.fma(g7, c02);
                FloatVector x1_9 = FloatVector.broadcast(SPECIES, in[i1 + 9]);
                c10 = x1_7.fma(g7, c10);
                c11 = x1_8.fma(g7, c11);
                c12 = x1_9.fma(g7, c12);
                FloatVector x2_9 = FloatVector.broadcast(SPECIES, in[i2 + 9]);
                c20 = x2_7.fma(g7, c20);
                c21 = x2_8.fma(g7, c21);
                c22 = x2_9.fma(g7, c22);
                FloatVector g8 = FloatVector.fromArray(SPECIES, dy, d + 8 * ldd);
                FloatVector x0_10 = FloatVector.broadcast(SPECIES, in[i0 + 10]);
                c00 = x0_8.fma(g8, c00);
                c01 = x0_9.fma(g8, c01);
                c02 = x0_10.fma(g8, c02);
                FloatVector x1_10 = FloatVector.broadcast(SPECIES, in[i1 + 10]);
                c10 = x1_8.fma(g8, c10);
                c11 = x1_9.fma(g8, c11);
                c12 = x1_10.fma(g8, c12);
                FloatVector x2_10 = FloatVector.broadcast(SPECIES, in[i2 + 10]);
                c20 = x2_8.fma(g8, c20);
                c21 = x2_9.fma(g8, c21);
                c22 = x2_10.fma(g8, c22);
                FloatVector g9 = FloatVector.fromArray(SPECIES, dy, d + 9 * ldd);
                FloatVector x0_11 = FloatVector.broadcast(SPECIES, in[i0 + 11]);
                c00 = x0_9.fma(g9, c00);
                c01 = x0_10.fma(g9, c01);
                c02 = x0_11.fma(g9, c02);
                FloatVector x1_11 = FloatVector.broadcast(SPECIES, in[i1 + 11]);
                c10 = x1_9.fma(g9, c10);
                c11 = x1_10.fma(g9, c11);
                c12 = x1_11.fma(g9, c12);
                FloatVector x2_11 = FloatVector.broadcast(SPECIES, in[i2 + 11]);
                c20 = x2_9.fma(g9, c20);
                c21 = x2_10.fma(g9, c21);
                c22 = x2_11.fma(g9, c22);
                FloatVector g10 = FloatVector.fromArray(SPECIES, dy, d + 10 * ldd);
                FloatVector x0_12 = FloatVector.broadcast(SPECIES, in[i0 + 12]);
                c00 = x0_10.fma(g10, c00);
                c01 = x0_11.fma(g10, c01);
                c02 = x0_12.fma(g10, c02);
                FloatVector x1_12 = FloatVector.broadcast(SPECIES, in[i1 + 12]);
                c10 = x1_10.fma(g10, c10);
                c11 = x1_11.fma(g10, c11);
                c12 = x1_12.fma(g10, c12);
                FloatVector x2_12 = FloatVector.broadcast(SPECIES, in[i2 + 12]);
                c20 = x2_10.fma(g10, c20);
                c21 = x2_11.fma(g10, c21);
                c22 = x2_12.fma(g10, c22);
                FloatVector g11 = FloatVector.fromArray(SPECIES, dy, d + 11 * ldd);
                FloatVector x0_13 = FloatVector.broadcast(SPECIES, in[i0 + 13]);
                c00 = x0_11.fma(g11, c00);
                c01 = x0_12.fma(g11, c01);
                c02 = x0_13.fma(g11, c02);
                FloatVector x1_13 = FloatVector.broadcast(SPECIES, in[i1 + 13]);
                c10 = x1_11.fma(g11, c10);
                c11 = x1_12.fma(g11, c11);
                c12 = x1_13.fma(g11, c12);
                FloatVector x2_13 = FloatVector.broadcast(SPECIES, in[i2 + 13]);
                c20 = x2_11.fma(g11, c20);
                c21 = x2_12.fma(g11, c21);
                c22 = x2_13.fma(g11, c22);
                FloatVector g12 = FloatVector.fromArray(SPECIES, dy, d + 12 * ldd);
                FloatVector x0_14 = FloatVector.broadcast(SPECIES, in[i0 + 14]);
                c00 = x0_12.fma(g12, c00);
                c01 = x0_13.fma(g12, c01);
                c02 = x0_14.fma(g12, c02);
                FloatVector x1_14 = FloatVector.broadcast(SPECIES, in[i1 + 14]);
                c10 = x1_12.fma(g12, c10);
                c11 = x1_13.fma(g12, c11);
                c12 = x1_14.fma(g12, c12);
                FloatVector x2_14 = FloatVector.broadcast(SPECIES, in[i2 + 14]);
                c20 = x2_12.fma(g12, c20);
                c21 = x2_13.fma(g12, c21);
                c22 = x2_14.fma(g12, c22);
                FloatVector g13 = FloatVector.fromArray(SPECIES, dy, d + 13 * ldd);
                FloatVector x0_15 = FloatVector.broadcast(SPECIES, in[i0 + 15]);
                c00 = x0_13.fma(g13, c00);
                c01 = x0_14.fma(g13, c01);
                c02 = x0_15.fma(g13, c02);
                FloatVector x1_15 = FloatVector.broadcast(SPECIES, in[i1 + 15]);
                c10 = x1_13.fma(g13, c10);
                c11 = x1_14.fma(g13, c11);
                c12 = x1_15.fma(g13, c12);
                FloatVector x2_15 = FloatVector.broadcast(SPECIES, in[i2 + 15]);
                c20 = x2_13.fma(g13, c20);
                c21 = x2_14.fma(g13, c21);
                c22 = x2_15.fma(g13, c22);
            }
            c00.intoArray(dw, a00);
            c01.intoArray(dw, a01);
            c02.intoArray(dw, a02);
            c10.intoArray(dw, a10);
            c11.intoArray(dw, a11);
            c12.intoArray(dw, a12);
            c20.intoArray(dw, a20);
            c21.intoArray(dw, a21);
            c22.intoArray(dw, a22);
        }
    }

    /**
     * {@link #tiles} for taps in unit-step pairs along a row ({@code off[2i + 1] = off[2i] + 1}: a
     * stride-2 layer's input-gradient phases whose positions two kernel columns reach) and
     * positions in runs of 8 (two vectors a block) or, for a last single vector, 16, whose inputs
     * lie side by side: each input value broadcast once for the 2 taps and positions it reaches.
     * Bit for bit what {@link #tiles} computes.
     */
    static void rowPairs(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt, int from,
                         int to, float[] bias, float[] out, int channels) {
        int c = 0;
        for (; c + 2 * LANES <= channels; c += 2 * LANES) {
            rowPairTile8(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
        }
        if (c < channels) {
            rowPairTile16x1(w, ldw, k, off, in, base, outAt, from, to, bias, out, c);
        }
    }

    /** {@link #rowPairs} on runs of 8: 8 positions by 2 vectors. */
    private static void rowPairTile8(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                              int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 8) {
            int b = base[p];
            FloatVector c0_0 = s0;
            FloatVector c0_1 = s1;
            FloatVector c1_0 = s0;
            FloatVector c1_1 = s1;
            FloatVector c2_0 = s0;
            FloatVector c2_1 = s1;
            FloatVector c3_0 = s0;
            FloatVector c3_1 = s1;
            FloatVector c4_0 = s0;
            FloatVector c4_1 = s1;
            FloatVector c5_0 = s0;
            FloatVector c5_1 = s1;
            FloatVector c6_0 = s0;
            FloatVector c6_1 = s1;
            FloatVector c7_0 = s0;
            FloatVector c7_1 = s1;
            for (int j = 0, wj = outCol; j < k; j += 2, wj += 2 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w01 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector w11 = FloatVector.fromArray(SPECIES, w, wj + ldw + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c0_0 = x0.fma(w00, c0_0);
                c0_1 = x0.fma(w01, c0_1);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c1_0 = x1.fma(w00, c1_0);
                c1_1 = x1.fma(w01, c1_1);
                c0_0 = x1.fma(w10, c0_0);
                c0_1 = x1.fma(w11, c0_1);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c2_0 = x2.fma(w00, c2_0);
                c2_1 = x2.fma(w01, c2_1);
                c1_0 = x2.fma(w10, c1_0);
                c1_1 = x2.fma(w11, c1_1);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c3_0 = x3.fma(w00, c3_0);
                c3_1 = x3.fma(w01, c3_1);
                c2_0 = x3.fma(w10, c2_0);
                c2_1 = x3.fma(w11, c2_1);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c4_0 = x4.fma(w00, c4_0);
                c4_1 = x4.fma(w01, c4_1);
                c3_0 = x4.fma(w10, c3_0);
                c3_1 = x4.fma(w11, c3_1);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c5_0 = x5.fma(w00, c5_0);
                c5_1 = x5.fma(w01, c5_1);
                c4_0 = x5.fma(w10, c4_0);
                c4_1 = x5.fma(w11, c4_1);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c6_0 = x6.fma(w00, c6_0);
                c6_1 = x6.fma(w01, c6_1);
                c5_0 = x6.fma(w10, c5_0);
                c5_1 = x6.fma(w11, c5_1);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c7_0 = x7.fma(w00, c7_0);
                c7_1 = x7.fma(w01, c7_1);
                c6_0 = x7.fma(w10, c6_0);
                c6_1 = x7.fma(w11, c6_1);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c7_0 = x8.fma(w10, c7_0);
                c7_1 = x8.fma(w11, c7_1);
            }
            int o0 = outAt[p] + outCol;
            c0_0.intoArray(out, o0);
            c0_1.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c1_0.intoArray(out, o1);
            c1_1.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c2_0.intoArray(out, o2);
            c2_1.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c3_0.intoArray(out, o3);
            c3_1.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c4_0.intoArray(out, o4);
            c4_1.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c5_0.intoArray(out, o5);
            c5_1.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c6_0.intoArray(out, o6);
            c6_1.intoArray(out, o6 + LANES);
            int o7 = outAt[p + 7] + outCol;
            c7_0.intoArray(out, o7);
            c7_1.intoArray(out, o7 + LANES);
        }
    }

    /** {@link #rowPairs} on runs of 16: 16 positions by 1 vector. */
    private static void rowPairTile16x1(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                              int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        for (int p = from; p < to; p += 16) {
            int b = base[p];
            FloatVector c0_0 = s0;
            FloatVector c1_0 = s0;
            FloatVector c2_0 = s0;
            FloatVector c3_0 = s0;
            FloatVector c4_0 = s0;
            FloatVector c5_0 = s0;
            FloatVector c6_0 = s0;
            FloatVector c7_0 = s0;
            FloatVector c8_0 = s0;
            FloatVector c9_0 = s0;
            FloatVector c10_0 = s0;
            FloatVector c11_0 = s0;
            FloatVector c12_0 = s0;
            FloatVector c13_0 = s0;
            FloatVector c14_0 = s0;
            FloatVector c15_0 = s0;
            for (int j = 0, wj = outCol; j < k; j += 2, wj += 2 * ldw) {
                int o = b + off[j];
                FloatVector w00 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w10 = FloatVector.fromArray(SPECIES, w, wj + ldw);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[o]);
                c0_0 = x0.fma(w00, c0_0);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[o + 1]);
                c1_0 = x1.fma(w00, c1_0);
                c0_0 = x1.fma(w10, c0_0);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[o + 2]);
                c2_0 = x2.fma(w00, c2_0);
                c1_0 = x2.fma(w10, c1_0);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[o + 3]);
                c3_0 = x3.fma(w00, c3_0);
                c2_0 = x3.fma(w10, c2_0);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[o + 4]);
                c4_0 = x4.fma(w00, c4_0);
                c3_0 = x4.fma(w10, c3_0);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[o + 5]);
                c5_0 = x5.fma(w00, c5_0);
                c4_0 = x5.fma(w10, c4_0);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[o + 6]);
                c6_0 = x6.fma(w00, c6_0);
                c5_0 = x6.fma(w10, c5_0);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[o + 7]);
                c7_0 = x7.fma(w00, c7_0);
                c6_0 = x7.fma(w10, c6_0);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[o + 8]);
                c8_0 = x8.fma(w00, c8_0);
                c7_0 = x8.fma(w10, c7_0);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[o + 9]);
                c9_0 = x9.fma(w00, c9_0);
                c8_0 = x9.fma(w10, c8_0);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[o + 10]);
                c10_0 = x10.fma(w00, c10_0);
                c9_0 = x10.fma(w10, c9_0);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[o + 11]);
                c11_0 = x11.fma(w00, c11_0);
                c10_0 = x11.fma(w10, c10_0);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[o + 12]);
                c12_0 = x12.fma(w00, c12_0);
                c11_0 = x12.fma(w10, c11_0);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[o + 13]);
                c13_0 = x13.fma(w00, c13_0);
                c12_0 = x13.fma(w10, c12_0);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[o + 14]);
                c14_0 = x14.fma(w00, c14_0);
                c13_0 = x14.fma(w10, c13_0);
                FloatVector x15 = FloatVector.broadcast(SPECIES, in[o + 15]);
                c15_0 = x15.fma(w00, c15_0);
                c14_0 = x15.fma(w10, c14_0);
                FloatVector x16 = FloatVector.broadcast(SPECIES, in[o + 16]);
                c15_0 = x16.fma(w10, c15_0);
            }
            int o0 = outAt[p] + outCol;
            c0_0.intoArray(out, o0);
            int o1 = outAt[p + 1] + outCol;
            c1_0.intoArray(out, o1);
            int o2 = outAt[p + 2] + outCol;
            c2_0.intoArray(out, o2);
            int o3 = outAt[p + 3] + outCol;
            c3_0.intoArray(out, o3);
            int o4 = outAt[p + 4] + outCol;
            c4_0.intoArray(out, o4);
            int o5 = outAt[p + 5] + outCol;
            c5_0.intoArray(out, o5);
            int o6 = outAt[p + 6] + outCol;
            c6_0.intoArray(out, o6);
            int o7 = outAt[p + 7] + outCol;
            c7_0.intoArray(out, o7);
            int o8 = outAt[p + 8] + outCol;
            c8_0.intoArray(out, o8);
            int o9 = outAt[p + 9] + outCol;
            c9_0.intoArray(out, o9);
            int o10 = outAt[p + 10] + outCol;
            c10_0.intoArray(out, o10);
            int o11 = outAt[p + 11] + outCol;
            c11_0.intoArray(out, o11);
            int o12 = outAt[p + 12] + outCol;
            c12_0.intoArray(out, o12);
            int o13 = outAt[p + 13] + outCol;
            c13_0.intoArray(out, o13);
            int o14 = outAt[p + 14] + outCol;
            c14_0.intoArray(out, o14);
            int o15 = outAt[p + 15] + outCol;
            c15_0.intoArray(out, o15);
        }
    }

    /**
     * The multiple {@link #gradients} needs the tap count {@code k} to be for {@code channels}
     * channels: the taps per tile of the widest tile it runs, 6 where every block of channels
     * takes the 4-vector tile, else {@link #TAPS} (a 64-channel Winograd layer's 64 input
     * channels then pad to 66 rather than 72).
     */
    static int gradientTaps(int channels) {
        return channels % (4 * LANES) == 0 ? 6 : TAPS;
    }

    /**
     * {@code dw[j * channels + c] += sum_{from <= p < to} dy[(p - dyFrom) * channels + c] * in[base[p] + off[j]]}
     * for {@code j < k} (a multiple of {@link #gradientTaps}) and {@code c < channels} (a multiple of
     * {@link #CHANNEL_BLOCK}): the weight gradient, {@code dy} channels-last in the order of
     * {@code base}, its first row that of position {@code dyFrom}. Callers keep a run of positions
     * short enough for its {@code dy} rows to stay in the L1 cache across the taps.
     */
    static void gradients(float[] dy, int dyFrom, int[] off, int k, float[] in, int[] base, int from, int to,
                          float[] dw, int channels) {
        int c = 0;
        int dyAt = -dyFrom * channels;
        for (; c + 4 * LANES <= channels; c += 4 * LANES) {
            gradient4(dy, channels, dyAt + c, off, k, in, base, from, to, dw, channels, c);
        }
        if (c < channels) {
            gradient2(dy, channels, dyAt + c, off, k, in, base, from, to, dw, channels, c);
        }
    }

    /** 6 positions by 4 vectors: 24 accumulators, 4 weight loads and 6 broadcasts per 24 multiply-adds. */
    private static void tile4(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                              int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, bias, outCol + 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, bias, outCol + 3 * LANES);
        for (int p = from; p < to; p += 6) {
            int b0 = base[p];
            int b1 = base[p + 1];
            int b2 = base[p + 2];
            int b3 = base[p + 3];
            int b4 = base[p + 4];
            int b5 = base[p + 5];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c02 = s2;
            FloatVector c03 = s3;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c12 = s2;
            FloatVector c13 = s3;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c22 = s2;
            FloatVector c23 = s3;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c32 = s2;
            FloatVector c33 = s3;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c42 = s2;
            FloatVector c43 = s3;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c52 = s2;
            FloatVector c53 = s3;
            for (int j = 0, wj = outCol; j < k; j++, wj += ldw) {
                int o = off[j];
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w1 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector w2 = FloatVector.fromArray(SPECIES, w, wj + 2 * LANES);
                FloatVector w3 = FloatVector.fromArray(SPECIES, w, wj + 3 * LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[b0 + o]);
                c00 = x0.fma(w0, c00);
                c01 = x0.fma(w1, c01);
                c02 = x0.fma(w2, c02);
                c03 = x0.fma(w3, c03);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[b1 + o]);
                c10 = x1.fma(w0, c10);
                c11 = x1.fma(w1, c11);
                c12 = x1.fma(w2, c12);
                c13 = x1.fma(w3, c13);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[b2 + o]);
                c20 = x2.fma(w0, c20);
                c21 = x2.fma(w1, c21);
                c22 = x2.fma(w2, c22);
                c23 = x2.fma(w3, c23);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[b3 + o]);
                c30 = x3.fma(w0, c30);
                c31 = x3.fma(w1, c31);
                c32 = x3.fma(w2, c32);
                c33 = x3.fma(w3, c33);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[b4 + o]);
                c40 = x4.fma(w0, c40);
                c41 = x4.fma(w1, c41);
                c42 = x4.fma(w2, c42);
                c43 = x4.fma(w3, c43);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[b5 + o]);
                c50 = x5.fma(w0, c50);
                c51 = x5.fma(w1, c51);
                c52 = x5.fma(w2, c52);
                c53 = x5.fma(w3, c53);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            c02.intoArray(out, o0 + 2 * LANES);
            c03.intoArray(out, o0 + 3 * LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            c12.intoArray(out, o1 + 2 * LANES);
            c13.intoArray(out, o1 + 3 * LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            c22.intoArray(out, o2 + 2 * LANES);
            c23.intoArray(out, o2 + 3 * LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            c32.intoArray(out, o3 + 2 * LANES);
            c33.intoArray(out, o3 + 3 * LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            c42.intoArray(out, o4 + 2 * LANES);
            c43.intoArray(out, o4 + 3 * LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            c52.intoArray(out, o5 + 2 * LANES);
            c53.intoArray(out, o5 + 3 * LANES);
        }
    }

    /** 12 positions by 2 vectors: 24 accumulators, 2 weight loads and 12 broadcasts per 24 multiply-adds. */
    private static void tile2(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                              int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        FloatVector s1 = FloatVector.fromArray(SPECIES, bias, outCol + LANES);
        for (int p = from; p < to; p += 12) {
            int b0 = base[p];
            int b1 = base[p + 1];
            int b2 = base[p + 2];
            int b3 = base[p + 3];
            int b4 = base[p + 4];
            int b5 = base[p + 5];
            int b6 = base[p + 6];
            int b7 = base[p + 7];
            int b8 = base[p + 8];
            int b9 = base[p + 9];
            int b10 = base[p + 10];
            int b11 = base[p + 11];
            FloatVector c00 = s0;
            FloatVector c01 = s1;
            FloatVector c10 = s0;
            FloatVector c11 = s1;
            FloatVector c20 = s0;
            FloatVector c21 = s1;
            FloatVector c30 = s0;
            FloatVector c31 = s1;
            FloatVector c40 = s0;
            FloatVector c41 = s1;
            FloatVector c50 = s0;
            FloatVector c51 = s1;
            FloatVector c60 = s0;
            FloatVector c61 = s1;
            FloatVector c70 = s0;
            FloatVector c71 = s1;
            FloatVector c80 = s0;
            FloatVector c81 = s1;
            FloatVector c90 = s0;
            FloatVector c91 = s1;
            FloatVector c100 = s0;
            FloatVector c101 = s1;
            FloatVector c110 = s0;
            FloatVector c111 = s1;
            for (int j = 0, wj = outCol; j < k; j++, wj += ldw) {
                int o = off[j];
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector w1 = FloatVector.fromArray(SPECIES, w, wj + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[b0 + o]);
                c00 = x0.fma(w0, c00);
                c01 = x0.fma(w1, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[b1 + o]);
                c10 = x1.fma(w0, c10);
                c11 = x1.fma(w1, c11);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[b2 + o]);
                c20 = x2.fma(w0, c20);
                c21 = x2.fma(w1, c21);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[b3 + o]);
                c30 = x3.fma(w0, c30);
                c31 = x3.fma(w1, c31);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[b4 + o]);
                c40 = x4.fma(w0, c40);
                c41 = x4.fma(w1, c41);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[b5 + o]);
                c50 = x5.fma(w0, c50);
                c51 = x5.fma(w1, c51);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[b6 + o]);
                c60 = x6.fma(w0, c60);
                c61 = x6.fma(w1, c61);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[b7 + o]);
                c70 = x7.fma(w0, c70);
                c71 = x7.fma(w1, c71);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[b8 + o]);
                c80 = x8.fma(w0, c80);
                c81 = x8.fma(w1, c81);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[b9 + o]);
                c90 = x9.fma(w0, c90);
                c91 = x9.fma(w1, c91);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[b10 + o]);
                c100 = x10.fma(w0, c100);
                c101 = x10.fma(w1, c101);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[b11 + o]);
                c110 = x11.fma(w0, c110);
                c111 = x11.fma(w1, c111);
            }
            int o0 = outAt[p] + outCol;
            c00.intoArray(out, o0);
            c01.intoArray(out, o0 + LANES);
            int o1 = outAt[p + 1] + outCol;
            c10.intoArray(out, o1);
            c11.intoArray(out, o1 + LANES);
            int o2 = outAt[p + 2] + outCol;
            c20.intoArray(out, o2);
            c21.intoArray(out, o2 + LANES);
            int o3 = outAt[p + 3] + outCol;
            c30.intoArray(out, o3);
            c31.intoArray(out, o3 + LANES);
            int o4 = outAt[p + 4] + outCol;
            c40.intoArray(out, o4);
            c41.intoArray(out, o4 + LANES);
            int o5 = outAt[p + 5] + outCol;
            c50.intoArray(out, o5);
            c51.intoArray(out, o5 + LANES);
            int o6 = outAt[p + 6] + outCol;
            c60.intoArray(out, o6);
            c61.intoArray(out, o6 + LANES);
            int o7 = outAt[p + 7] + outCol;
            c70.intoArray(out, o7);
            c71.intoArray(out, o7 + LANES);
            int o8 = outAt[p + 8] + outCol;
            c80.intoArray(out, o8);
            c81.intoArray(out, o8 + LANES);
            int o9 = outAt[p + 9] + outCol;
            c90.intoArray(out, o9);
            c91.intoArray(out, o9 + LANES);
            int o10 = outAt[p + 10] + outCol;
            c100.intoArray(out, o10);
            c101.intoArray(out, o10 + LANES);
            int o11 = outAt[p + 11] + outCol;
            c110.intoArray(out, o11);
            c111.intoArray(out, o11 + LANES);
        }
    }

    /** 24 positions by 1 vector: 24 accumulators, 1 weight load and 24 broadcasts per 24 multiply-adds. */
    private static void tile1(float[] w, int ldw, int k, int[] off, float[] in, int[] base, int[] outAt,
                              int from, int to, float[] bias, float[] out, int outCol) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, bias, outCol);
        for (int p = from; p < to; p += 24) {
            int b0 = base[p];
            int b1 = base[p + 1];
            int b2 = base[p + 2];
            int b3 = base[p + 3];
            int b4 = base[p + 4];
            int b5 = base[p + 5];
            int b6 = base[p + 6];
            int b7 = base[p + 7];
            int b8 = base[p + 8];
            int b9 = base[p + 9];
            int b10 = base[p + 10];
            int b11 = base[p + 11];
            int b12 = base[p + 12];
            int b13 = base[p + 13];
            int b14 = base[p + 14];
            int b15 = base[p + 15];
            int b16 = base[p + 16];
            int b17 = base[p + 17];
            int b18 = base[p + 18];
            int b19 = base[p + 19];
            int b20 = base[p + 20];
            int b21 = base[p + 21];
            int b22 = base[p + 22];
            int b23 = base[p + 23];
            FloatVector c0 = s0;
            FloatVector c1 = s0;
            FloatVector c2 = s0;
            FloatVector c3 = s0;
            FloatVector c4 = s0;
            FloatVector c5 = s0;
            FloatVector c6 = s0;
            FloatVector c7 = s0;
            FloatVector c8 = s0;
            FloatVector c9 = s0;
            FloatVector c10 = s0;
            FloatVector c11 = s0;
            FloatVector c12 = s0;
            FloatVector c13 = s0;
            FloatVector c14 = s0;
            FloatVector c15 = s0;
            FloatVector c16 = s0;
            FloatVector c17 = s0;
            FloatVector c18 = s0;
            FloatVector c19 = s0;
            FloatVector c20 = s0;
            FloatVector c21 = s0;
            FloatVector c22 = s0;
            FloatVector c23 = s0;
            for (int j = 0, wj = outCol; j < k; j++, wj += ldw) {
                int o = off[j];
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, wj);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[b0 + o]);
                c0 = x0.fma(w0, c0);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[b1 + o]);
                c1 = x1.fma(w0, c1);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[b2 + o]);
                c2 = x2.fma(w0, c2);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[b3 + o]);
                c3 = x3.fma(w0, c3);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[b4 + o]);
                c4 = x4.fma(w0, c4);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[b5 + o]);
                c5 = x5.fma(w0, c5);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[b6 + o]);
                c6 = x6.fma(w0, c6);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[b7 + o]);
                c7 = x7.fma(w0, c7);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[b8 + o]);
                c8 = x8.fma(w0, c8);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[b9 + o]);
                c9 = x9.fma(w0, c9);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[b10 + o]);
                c10 = x10.fma(w0, c10);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[b11 + o]);
                c11 = x11.fma(w0, c11);
                FloatVector x12 = FloatVector.broadcast(SPECIES, in[b12 + o]);
                c12 = x12.fma(w0, c12);
                FloatVector x13 = FloatVector.broadcast(SPECIES, in[b13 + o]);
                c13 = x13.fma(w0, c13);
                FloatVector x14 = FloatVector.broadcast(SPECIES, in[b14 + o]);
                c14 = x14.fma(w0, c14);
                FloatVector x15 = FloatVector.broadcast(SPECIES, in[b15 + o]);
                c15 = x15.fma(w0, c15);
                FloatVector x16 = FloatVector.broadcast(SPECIES, in[b16 + o]);
                c16 = x16.fma(w0, c16);
                FloatVector x17 = FloatVector.broadcast(SPECIES, in[b17 + o]);
                c17 = x17.fma(w0, c17);
                FloatVector x18 = FloatVector.broadcast(SPECIES, in[b18 + o]);
                c18 = x18.fma(w0, c18);
                FloatVector x19 = FloatVector.broadcast(SPECIES, in[b19 + o]);
                c19 = x19.fma(w0, c19);
                FloatVector x20 = FloatVector.broadcast(SPECIES, in[b20 + o]);
                c20 = x20.fma(w0, c20);
                FloatVector x21 = FloatVector.broadcast(SPECIES, in[b21 + o]);
                c21 = x21.fma(w0, c21);
                FloatVector x22 = FloatVector.broadcast(SPECIES, in[b22 + o]);
                c22 = x22.fma(w0, c22);
                FloatVector x23 = FloatVector.broadcast(SPECIES, in[b23 + o]);
                c23 = x23.fma(w0, c23);
            }
            int o0 = outAt[p] + outCol;
            c0.intoArray(out, o0);
            int o1 = outAt[p + 1] + outCol;
            c1.intoArray(out, o1);
            int o2 = outAt[p + 2] + outCol;
            c2.intoArray(out, o2);
            int o3 = outAt[p + 3] + outCol;
            c3.intoArray(out, o3);
            int o4 = outAt[p + 4] + outCol;
            c4.intoArray(out, o4);
            int o5 = outAt[p + 5] + outCol;
            c5.intoArray(out, o5);
            int o6 = outAt[p + 6] + outCol;
            c6.intoArray(out, o6);
            int o7 = outAt[p + 7] + outCol;
            c7.intoArray(out, o7);
            int o8 = outAt[p + 8] + outCol;
            c8.intoArray(out, o8);
            int o9 = outAt[p + 9] + outCol;
            c9.intoArray(out, o9);
            int o10 = outAt[p + 10] + outCol;
            c10.intoArray(out, o10);
            int o11 = outAt[p + 11] + outCol;
            c11.intoArray(out, o11);
            int o12 = outAt[p + 12] + outCol;
            c12.intoArray(out, o12);
            int o13 = outAt[p + 13] + outCol;
            c13.intoArray(out, o13);
            int o14 = outAt[p + 14] + outCol;
            c14.intoArray(out, o14);
            int o15 = outAt[p + 15] + outCol;
            c15.intoArray(out, o15);
            int o16 = outAt[p + 16] + outCol;
            c16.intoArray(out, o16);
            int o17 = outAt[p + 17] + outCol;
            c17.intoArray(out, o17);
            int o18 = outAt[p + 18] + outCol;
            c18.intoArray(out, o18);
            int o19 = outAt[p + 19] + outCol;
            c19.intoArray(out, o19);
            int o20 = outAt[p + 20] + outCol;
            c20.intoArray(out, o20);
            int o21 = outAt[p + 21] + outCol;
            c21.intoArray(out, o21);
            int o22 = outAt[p + 22] + outCol;
            c22.intoArray(out, o22);
            int o23 = outAt[p + 23] + outCol;
            c23.intoArray(out, o23);
        }
    }

    /** 6 taps by 4 vectors: 24 accumulators, 4 gradient loads and 6 broadcasts per 24 multiply-adds. */
    private static void gradient4(float[] dy, int ldd, int dyAt, int[] off, int k, float[] in, int[] base,
                                  int from, int to, float[] dw, int ldw, int dwAt) {
        for (int j = 0; j < k; j += 6) {
            int o0 = off[j];
            int o1 = off[j + 1];
            int o2 = off[j + 2];
            int o3 = off[j + 3];
            int o4 = off[j + 4];
            int o5 = off[j + 5];
            int a0 = dwAt + j * ldw;
            FloatVector c00 = FloatVector.fromArray(SPECIES, dw, a0);
            FloatVector c01 = FloatVector.fromArray(SPECIES, dw, a0 + LANES);
            FloatVector c02 = FloatVector.fromArray(SPECIES, dw, a0 + 2 * LANES);
            FloatVector c03 = FloatVector.fromArray(SPECIES, dw, a0 + 3 * LANES);
            int a1 = dwAt + (j + 1) * ldw;
            FloatVector c10 = FloatVector.fromArray(SPECIES, dw, a1);
            FloatVector c11 = FloatVector.fromArray(SPECIES, dw, a1 + LANES);
            FloatVector c12 = FloatVector.fromArray(SPECIES, dw, a1 + 2 * LANES);
            FloatVector c13 = FloatVector.fromArray(SPECIES, dw, a1 + 3 * LANES);
            int a2 = dwAt + (j + 2) * ldw;
            FloatVector c20 = FloatVector.fromArray(SPECIES, dw, a2);
            FloatVector c21 = FloatVector.fromArray(SPECIES, dw, a2 + LANES);
            FloatVector c22 = FloatVector.fromArray(SPECIES, dw, a2 + 2 * LANES);
            FloatVector c23 = FloatVector.fromArray(SPECIES, dw, a2 + 3 * LANES);
            int a3 = dwAt + (j + 3) * ldw;
            FloatVector c30 = FloatVector.fromArray(SPECIES, dw, a3);
            FloatVector c31 = FloatVector.fromArray(SPECIES, dw, a3 + LANES);
            FloatVector c32 = FloatVector.fromArray(SPECIES, dw, a3 + 2 * LANES);
            FloatVector c33 = FloatVector.fromArray(SPECIES, dw, a3 + 3 * LANES);
            int a4 = dwAt + (j + 4) * ldw;
            FloatVector c40 = FloatVector.fromArray(SPECIES, dw, a4);
            FloatVector c41 = FloatVector.fromArray(SPECIES, dw, a4 + LANES);
            FloatVector c42 = FloatVector.fromArray(SPECIES, dw, a4 + 2 * LANES);
            FloatVector c43 = FloatVector.fromArray(SPECIES, dw, a4 + 3 * LANES);
            int a5 = dwAt + (j + 5) * ldw;
            FloatVector c50 = FloatVector.fromArray(SPECIES, dw, a5);
            FloatVector c51 = FloatVector.fromArray(SPECIES, dw, a5 + LANES);
            FloatVector c52 = FloatVector.fromArray(SPECIES, dw, a5 + 2 * LANES);
            FloatVector c53 = FloatVector.fromArray(SPECIES, dw, a5 + 3 * LANES);
            for (int p = from, d = dyAt + from * ldd; p < to; p++, d += ldd) {
                int b = base[p];
                FloatVector g0 = FloatVector.fromArray(SPECIES, dy, d);
                FloatVector g1 = FloatVector.fromArray(SPECIES, dy, d + LANES);
                FloatVector g2 = FloatVector.fromArray(SPECIES, dy, d + 2 * LANES);
                FloatVector g3 = FloatVector.fromArray(SPECIES, dy, d + 3 * LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[b + o0]);
                c00 = x0.fma(g0, c00);
                c01 = x0.fma(g1, c01);
                c02 = x0.fma(g2, c02);
                c03 = x0.fma(g3, c03);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[b + o1]);
                c10 = x1.fma(g0, c10);
                c11 = x1.fma(g1, c11);
                c12 = x1.fma(g2, c12);
                c13 = x1.fma(g3, c13);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[b + o2]);
                c20 = x2.fma(g0, c20);
                c21 = x2.fma(g1, c21);
                c22 = x2.fma(g2, c22);
                c23 = x2.fma(g3, c23);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[b + o3]);
                c30 = x3.fma(g0, c30);
                c31 = x3.fma(g1, c31);
                c32 = x3.fma(g2, c32);
                c33 = x3.fma(g3, c33);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[b + o4]);
                c40 = x4.fma(g0, c40);
                c41 = x4.fma(g1, c41);
                c42 = x4.fma(g2, c42);
                c43 = x4.fma(g3, c43);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[b + o5]);
                c50 = x5.fma(g0, c50);
                c51 = x5.fma(g1, c51);
                c52 = x5.fma(g2, c52);
                c53 = x5.fma(g3, c53);
            }
            c00.intoArray(dw, a0);
            c01.intoArray(dw, a0 + LANES);
            c02.intoArray(dw, a0 + 2 * LANES);
            c03.intoArray(dw, a0 + 3 * LANES);
            c10.intoArray(dw, a1);
            c11.intoArray(dw, a1 + LANES);
            c12.intoArray(dw, a1 + 2 * LANES);
            c13.intoArray(dw, a1 + 3 * LANES);
            c20.intoArray(dw, a2);
            c21.intoArray(dw, a2 + LANES);
            c22.intoArray(dw, a2 + 2 * LANES);
            c23.intoArray(dw, a2 + 3 * LANES);
            c30.intoArray(dw, a3);
            c31.intoArray(dw, a3 + LANES);
            c32.intoArray(dw, a3 + 2 * LANES);
            c33.intoArray(dw, a3 + 3 * LANES);
            c40.intoArray(dw, a4);
            c41.intoArray(dw, a4 + LANES);
            c42.intoArray(dw, a4 + 2 * LANES);
            c43.intoArray(dw, a4 + 3 * LANES);
            c50.intoArray(dw, a5);
            c51.intoArray(dw, a5 + LANES);
            c52.intoArray(dw, a5 + 2 * LANES);
            c53.intoArray(dw, a5 + 3 * LANES);
        }
    }

    /** 12 taps by 2 vectors: 24 accumulators, 2 gradient loads and 12 broadcasts per 24 multiply-adds. */
    private static void gradient2(float[] dy, int ldd, int dyAt, int[] off, int k, float[] in, int[] base,
                                  int from, int to, float[] dw, int ldw, int dwAt) {
        for (int j = 0; j < k; j += 12) {
            int o0 = off[j];
            int o1 = off[j + 1];
            int o2 = off[j + 2];
            int o3 = off[j + 3];
            int o4 = off[j + 4];
            int o5 = off[j + 5];
            int o6 = off[j + 6];
            int o7 = off[j + 7];
            int o8 = off[j + 8];
            int o9 = off[j + 9];
            int o10 = off[j + 10];
            int o11 = off[j + 11];
            int a0 = dwAt + j * ldw;
            FloatVector c00 = FloatVector.fromArray(SPECIES, dw, a0);
            FloatVector c01 = FloatVector.fromArray(SPECIES, dw, a0 + LANES);
            int a1 = dwAt + (j + 1) * ldw;
            FloatVector c10 = FloatVector.fromArray(SPECIES, dw, a1);
            FloatVector c11 = FloatVector.fromArray(SPECIES, dw, a1 + LANES);
            int a2 = dwAt + (j + 2) * ldw;
            FloatVector c20 = FloatVector.fromArray(SPECIES, dw, a2);
            FloatVector c21 = FloatVector.fromArray(SPECIES, dw, a2 + LANES);
            int a3 = dwAt + (j + 3) * ldw;
            FloatVector c30 = FloatVector.fromArray(SPECIES, dw, a3);
            FloatVector c31 = FloatVector.fromArray(SPECIES, dw, a3 + LANES);
            int a4 = dwAt + (j + 4) * ldw;
            FloatVector c40 = FloatVector.fromArray(SPECIES, dw, a4);
            FloatVector c41 = FloatVector.fromArray(SPECIES, dw, a4 + LANES);
            int a5 = dwAt + (j + 5) * ldw;
            FloatVector c50 = FloatVector.fromArray(SPECIES, dw, a5);
            FloatVector c51 = FloatVector.fromArray(SPECIES, dw, a5 + LANES);
            int a6 = dwAt + (j + 6) * ldw;
            FloatVector c60 = FloatVector.fromArray(SPECIES, dw, a6);
            FloatVector c61 = FloatVector.fromArray(SPECIES, dw, a6 + LANES);
            int a7 = dwAt + (j + 7) * ldw;
            FloatVector c70 = FloatVector.fromArray(SPECIES, dw, a7);
            FloatVector c71 = FloatVector.fromArray(SPECIES, dw, a7 + LANES);
            int a8 = dwAt + (j + 8) * ldw;
            FloatVector c80 = FloatVector.fromArray(SPECIES, dw, a8);
            FloatVector c81 = FloatVector.fromArray(SPECIES, dw, a8 + LANES);
            int a9 = dwAt + (j + 9) * ldw;
            FloatVector c90 = FloatVector.fromArray(SPECIES, dw, a9);
            FloatVector c91 = FloatVector.fromArray(SPECIES, dw, a9 + LANES);
            int a10 = dwAt + (j + 10) * ldw;
            FloatVector c100 = FloatVector.fromArray(SPECIES, dw, a10);
            FloatVector c101 = FloatVector.fromArray(SPECIES, dw, a10 + LANES);
            int a11 = dwAt + (j + 11) * ldw;
            FloatVector c110 = FloatVector.fromArray(SPECIES, dw, a11);
            FloatVector c111 = FloatVector.fromArray(SPECIES, dw, a11 + LANES);
            for (int p = from, d = dyAt + from * ldd; p < to; p++, d += ldd) {
                int b = base[p];
                FloatVector g0 = FloatVector.fromArray(SPECIES, dy, d);
                FloatVector g1 = FloatVector.fromArray(SPECIES, dy, d + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, in[b + o0]);
                c00 = x0.fma(g0, c00);
                c01 = x0.fma(g1, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, in[b + o1]);
                c10 = x1.fma(g0, c10);
                c11 = x1.fma(g1, c11);
                FloatVector x2 = FloatVector.broadcast(SPECIES, in[b + o2]);
                c20 = x2.fma(g0, c20);
                c21 = x2.fma(g1, c21);
                FloatVector x3 = FloatVector.broadcast(SPECIES, in[b + o3]);
                c30 = x3.fma(g0, c30);
                c31 = x3.fma(g1, c31);
                FloatVector x4 = FloatVector.broadcast(SPECIES, in[b + o4]);
                c40 = x4.fma(g0, c40);
                c41 = x4.fma(g1, c41);
                FloatVector x5 = FloatVector.broadcast(SPECIES, in[b + o5]);
                c50 = x5.fma(g0, c50);
                c51 = x5.fma(g1, c51);
                FloatVector x6 = FloatVector.broadcast(SPECIES, in[b + o6]);
                c60 = x6.fma(g0, c60);
                c61 = x6.fma(g1, c61);
                FloatVector x7 = FloatVector.broadcast(SPECIES, in[b + o7]);
                c70 = x7.fma(g0, c70);
                c71 = x7.fma(g1, c71);
                FloatVector x8 = FloatVector.broadcast(SPECIES, in[b + o8]);
                c80 = x8.fma(g0, c80);
                c81 = x8.fma(g1, c81);
                FloatVector x9 = FloatVector.broadcast(SPECIES, in[b + o9]);
                c90 = x9.fma(g0, c90);
                c91 = x9.fma(g1, c91);
                FloatVector x10 = FloatVector.broadcast(SPECIES, in[b + o10]);
                c100 = x10.fma(g0, c100);
                c101 = x10.fma(g1, c101);
                FloatVector x11 = FloatVector.broadcast(SPECIES, in[b + o11]);
                c110 = x11.fma(g0, c110);
                c111 = x11.fma(g1, c111);
            }
            c00.intoArray(dw, a0);
            c01.intoArray(dw, a0 + LANES);
            c10.intoArray(dw, a1);
            c11.intoArray(dw, a1 + LANES);
            c20.intoArray(dw, a2);
            c21.intoArray(dw, a2 + LANES);
            c30.intoArray(dw, a3);
            c31.intoArray(dw, a3 + LANES);
            c40.intoArray(dw, a4);
            c41.intoArray(dw, a4 + LANES);
            c50.intoArray(dw, a5);
            c51.intoArray(dw, a5 + LANES);
            c60.intoArray(dw, a6);
            c61.intoArray(dw, a6 + LANES);
            c70.intoArray(dw, a7);
            c71.intoArray(dw, a7 + LANES);
            c80.intoArray(dw, a8);
            c81.intoArray(dw, a8 + LANES);
            c90.intoArray(dw, a9);
            c91.intoArray(dw, a9 + LANES);
            c100.intoArray(dw, a10);
            c101.intoArray(dw, a10 + LANES);
            c110.intoArray(dw, a11);
            c111.intoArray(dw, a11 + LANES);
        }
    }
}
