package org.convspark.engine.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Layout copies between the network's planes ({@code [n][c][h][w]}) and the channels-last
 * buffers of {@link LaneConv} and {@link WinogradConv} ({@code [n][h][w][c]}), optionally into a
 * larger zero-padded frame. Only the image's positions are written, so a frame's border keeps the
 * zeros a new buffer starts with.
 *
 * <p>The transposes go in runs of {@link #RUN} positions, channel by channel: each channel's run
 * is one cache line of its plane, and the run's channels-last rows stay in L1 while they fill.
 * (One position at a time, all channels, reads one float from each plane: planes 4 KB apart share
 * L1 sets, and a 32x32 layer's transposes took longer than its convolution.)
 */
final class ChannelsLast {
    private static final VectorSpecies<Float> SPECIES = LaneKernels.SPECIES;
    private static final int LANES = LaneKernels.LANES;
    /** Positions per run: 16 floats, one cache line of a plane. */
    private static final int RUN = 16;
    /** Floats past its last frame that {@link #copyRows(float[], int, int, int, float[], int, int, int)} may write: one vector. */
    static final int FRAME_SLACK = LaneKernels.LANES;

    private ChannelsLast() {
    }

    /**
     * {@code batch} samples of {@code channels} planes {@code rows x cols} from {@code src} (from
     * {@code at} on) into channels-last frames {@code frameRows x frameCols} at {@code dst}, the
     * image's top-left at {@code (top, left)}.
     */
    static void fromPlanes(float[] src, int at, int batch, int channels, int rows, int cols, float[] dst,
                           int frameRows, int frameCols, int top, int left) {
        if (frameRows == rows && frameCols == cols) {
            // One run of positions through the whole plane (rows of 7 would make runs of 7).
            cols *= rows;
            frameCols = cols;
            rows = 1;
            frameRows = 1;
        }
        int plane = rows * cols;
        for (int s = 0; s < batch; s++) {
            for (int r = 0; r < rows; r++) {
                for (int q0 = 0; q0 < cols; q0 += RUN) {
                    int run = Math.min(RUN, cols - q0);
                    int d = ((s * frameRows + r + top) * frameCols + q0 + left) * channels;
                    int f = at + s * channels * plane + r * cols + q0;
                    if (run == RUN) {
                        for (int c = 0; c < channels; c++) {
                            scatterRun(src, f + c * plane, dst, d + c, channels);
                        }
                        continue;
                    }
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < run; i++) {
                            dst[d + i * channels + c] = src[f + c * plane + i];
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code batch} samples of {@code positions} channels-last rows of {@code channels} from
     * {@code src} into planes at {@code dst}, from {@code at} on.
     */
    static void toPlanes(float[] src, int batch, int positions, int channels, float[] dst, int at) {
        for (int s = 0; s < batch; s++) {
            int to = at + s * channels * positions;
            for (int q0 = 0; q0 < positions; q0 += RUN) {
                int run = Math.min(RUN, positions - q0);
                int f = (s * positions + q0) * channels;
                if (run == RUN) {
                    for (int c = 0; c < channels; c++) {
                        gatherRun(src, f + c, channels, dst, to + c * positions + q0);
                    }
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    int d = to + c * positions + q0;
                    for (int i = 0; i < run; i++) {
                        dst[d + i] = src[f + i * channels + c];
                    }
                }
            }
        }
    }

    /**
     * {@code dst[to + i * step] = src[from + i]} for {@code i < }{@value #RUN}, spelled out: all
     * loads, then all stores. As a loop C2 neither vectorizes nor unrolls it across the strided
     * side, and the transposes ran at half this speed on blocks already in L2 (0.55 / 0.30 ms per
     * 128 samples of 256 positions x 32 channels).
     */
    private static void scatterRun(float[] src, int from, float[] dst, int to, int step) {
        float x0 = src[from + 0];
        float x1 = src[from + 1];
        float x2 = src[from + 2];
        float x3 = src[from + 3];
        float x4 = src[from + 4];
        float x5 = src[from + 5];
        float x6 = src[from + 6];
        float x7 = src[from + 7];
        float x8 = src[from + 8];
        float x9 = src[from + 9];
        float x10 = src[from + 10];
        float x11 = src[from + 11];
        float x12 = src[from + 12];
        float x13 = src[from + 13];
        float x14 = src[from + 14];
        float x15 = src[from + 15];
        dst[to + 0 * step] = x0;
        dst[to + 1 * step] = x1;
        dst[to + 2 * step] = x2;
        dst[to + 3 * step] = x3;
        dst[to + 4 * step] = x4;
        dst[to + 5 * step] = x5;
        dst[to + 6 * step] = x6;
        dst[to + 7 * step] = x7;
        dst[to + 8 * step] = x8;
        dst[to + 9 * step] = x9;
        dst[to + 10 * step] = x10;
        dst[to + 11 * step] = x11;
        dst[to + 12 * step] = x12;
        dst[to + 13 * step] = x13;
        dst[to + 14 * step] = x14;
        dst[to + 15 * step] = x15;
    }

    /** {@code dst[to + i] = src[from + i * step]} for {@code i < }{@value #RUN}, as {@link #scatterRun}. */
    private static void gatherRun(float[] src, int from, int step, float[] dst, int to) {
        float x0 = src[from + 0 * step];
        float x1 = src[from + 1 * step];
        float x2 = src[from + 2 * step];
        float x3 = src[from + 3 * step];
        float x4 = src[from + 4 * step];
        float x5 = src[from + 5 * step];
        float x6 = src[from + 6 * step];
        float x7 = src[from + 7 * step];
        float x8 = src[from + 8 * step];
        float x9 = src[from + 9 * step];
        float x10 = src[from + 10 * step];
        float x11 = src[from + 11 * step];
        float x12 = src[from + 12 * step];
        float x13 = src[from + 13 * step];
        float x14 = src[from + 14 * step];
        float x15 = src[from + 15 * step];
        dst[to + 0] = x0;
        dst[to + 1] = x1;
        dst[to + 2] = x2;
        dst[to + 3] = x3;
        dst[to + 4] = x4;
        dst[to + 5] = x5;
        dst[to + 6] = x6;
        dst[to + 7] = x7;
        dst[to + 8] = x8;
        dst[to + 9] = x9;
        dst[to + 10] = x10;
        dst[to + 11] = x11;
        dst[to + 12] = x12;
        dst[to + 13] = x13;
        dst[to + 14] = x14;
        dst[to + 15] = x15;
    }

    /**
     * {@code planes} planes {@code rows x cols} from {@code src} into planes {@code frameRows x
     * frameCols} at {@code dst}, each image starting {@code at} floats into its frame, whose
     * border is zero and stays zero; past the last frame {@code dst} may hold anything, and
     * {@link #FRAME_SLACK} floats of it may be overwritten.
     *
     * <p>Each row goes in whole vectors, the last one running on past the row's end, and one
     * vector of zeros then covers what it wrote there: rows go in ascending order, so what lies
     * past a row is border (zero) or a row still to be written. ResNet's 28-, 14- and 7-wide rows
     * otherwise ended in 12, 14 or 7 single floats.
     */
    static void copyRows(float[] src, int planes, int rows, int cols, float[] dst, int frameRows, int frameCols,
                         int at) {
        int plane = frameRows * frameCols;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                int s = (p * rows + r) * cols;
                int d = p * plane + at + r * frameCols;
                int q = 0;
                for (; q < cols && s + q + LANES <= src.length; q += LANES) {
                    FloatVector.fromArray(SPECIES, src, s + q).intoArray(dst, d + q);
                }
                for (; q < cols; q++) {
                    dst[d + q] = src[s + q];
                }
                if (q > cols) {
                    zero.intoArray(dst, d + cols);
                }
            }
        }
    }

    /**
     * {@code planes x rows} rows of {@code length} floats from {@code src} into {@code dst}, each
     * side's rows and planes at its own strides.
     */
    static void copyRows(float[] src, int srcOffset, int srcRow, int srcPlane, float[] dst, int dstOffset,
                         int dstRow, int dstPlane, int planes, int rows, int length) {
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                // Vectors, then floats, not System.arraycopy: ResNet's rows are 7-32 floats, and
                // 65,536 calls a batch of its 8x8 layer cost a quarter of the forward. (C2's own
                // vector loop starts at 64 floats: rows of 16 and 32 ran float by float.)
                int s = srcOffset + p * srcPlane + r * srcRow;
                int d = dstOffset + p * dstPlane + r * dstRow;
                int q = 0;
                for (; q + LANES <= length; q += LANES) {
                    FloatVector.fromArray(SPECIES, src, s + q).intoArray(dst, d + q);
                }
                for (; q < length; q++) {
                    dst[d + q] = src[s + q];
                }
            }
        }
    }

    /**
     * Adds to {@code dst[at + c]} the sum over {@code positions} channels-last rows of {@code src}
     * of channel {@code c}, summed first in {@code sums} (one add into {@code dst} per channel):
     * a bias gradient.
     */
    static void addChannelSums(float[] src, int positions, int channels, float[] sums, float[] dst, int at) {
        java.util.Arrays.fill(sums, 0, channels, 0f);
        sumChannels(src, positions, channels, sums);
        for (int c = 0; c < channels; c++) {
            dst[at + c] += sums[c];
        }
    }

    /** Adds to {@code sums[c]} channel {@code c} of {@code positions} channels-last rows of {@code src}. */
    static void sumChannels(float[] src, int positions, int channels, float[] sums) {
        for (int p = 0; p < positions; p++) {
            for (int c = 0; c < channels; c++) {
                sums[c] += src[p * channels + c];
            }
        }
    }
}
