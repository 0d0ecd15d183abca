package org.convspark.engine.layers;

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
    /** Positions per run: 16 floats, one cache line of a plane. */
    private static final int RUN = 16;

    private ChannelsLast() {
    }

    /**
     * {@code batch} samples of {@code channels} planes {@code rows x cols} from {@code src} into
     * channels-last frames {@code frameRows x frameCols} at {@code dst}, the image's top-left at
     * {@code (top, left)}.
     */
    static void fromPlanes(float[] src, int batch, int channels, int rows, int cols, float[] dst, int frameRows,
                           int frameCols, int top, int left) {
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
                    int f = s * channels * plane + r * cols + q0;
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < run; i++) {
                            dst[d + i * channels + c] = src[f + c * plane + i];
                        }
                    }
                }
            }
        }
    }

    /** {@code batch} samples of {@code positions} channels-last rows of {@code channels} from {@code src} into planes at {@code dst}. */
    static void toPlanes(float[] src, int batch, int positions, int channels, float[] dst) {
        for (int s = 0; s < batch; s++) {
            int to = s * channels * positions;
            for (int q0 = 0; q0 < positions; q0 += RUN) {
                int run = Math.min(RUN, positions - q0);
                int f = (s * positions + q0) * channels;
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
     * {@code planes} planes {@code rows x cols} from {@code src} into planes {@code frameRows x
     * frameCols} at {@code dst}, each image starting {@code at} floats into its frame.
     */
    static void copyRows(float[] src, int planes, int rows, int cols, float[] dst, int frameRows, int frameCols,
                         int at) {
        int plane = frameRows * frameCols;
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                // A loop, not System.arraycopy: ResNet's rows are 7-32 floats, and 65,536 calls
                // a batch of its 8x8 layer cost a quarter of the forward.
                int s = (p * rows + r) * cols;
                int d = p * plane + at + r * frameCols;
                for (int q = 0; q < cols; q++) {
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
        for (int p = 0; p < positions; p++) {
            for (int c = 0; c < channels; c++) {
                sums[c] += src[p * channels + c];
            }
        }
        for (int c = 0; c < channels; c++) {
            dst[at + c] += sums[c];
        }
    }
}
