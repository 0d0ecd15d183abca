package org.convspark.engine.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;

/**
 * {@link Conv}'s direct path for 2-D layers whose output channel counts are multiples of {@link
 * LaneKernels#CHANNEL_BLOCK} (32 on AVX-512), or of one vector (16) where the forward and the
 * weight gradient run on the row tiles (below), and whose input channel counts are multiples of one
 * vector: forward, weight gradient and input
 * gradient all on {@link LaneKernels}, channels-last, any stride, dilation and zero padding, no
 * column matrix and no BLAS. Written for the layers where im2col and the BLAS fell furthest
 * behind oneDNN's direct kernels (ResNet's 64-channel 8x8 layers at 0.55x, its stride-2 layers at
 * 0.53x, issue 20): their GEMMs are small and the column matrices nine times the input.
 *
 * <p>The kernels broadcast their inputs one value at a time, so those stay in the network's
 * layout ({@code NCHW}): the input is copied row by row into zero-padded planes (which the weight
 * gradient reads again), the upstream gradient into planes with zero guards around them for the
 * input gradient. What the lanes hold is channels-last: the output and the input gradient, which
 * are transposed into planes, and the upstream gradient as the weight gradient reads it,
 * transposed from planes. The three transposes go chunk by chunk of samples, each right after
 * (or before) the tiles of its chunk, while those rows are still in L2: over the whole batch at
 * once they cost 15-20% of ResNet's 32-channel 16x16 layer.
 *
 * <p>The input gradient is a direct convolution of the guarded upstream gradient for each phase
 * of the stride: an input row {@code i} with {@code (i + padTop) mod s = r} receives only the
 * kernel rows {@code a} with {@code a * dilation = r (mod s)}, from output row
 * {@code (i + padTop - a * dilation) / s}, so each phase is a stride-1 product over its own taps
 * (for stride 1 the one phase has them all); no zeros are inserted and no multiply is wasted.
 *
 * <p>Position lists are padded to whole register tiles with copies of a real position whose
 * results go to a scratch row past the real ones.
 *
 * <p>3-wide kernels at stride 1 in width whose output rows are whole runs of 8 or 7 positions
 * (ResNet's planes on 32x32 and 28x28 images) run the forward, and at stride 1 the input
 * gradient, on {@link LaneKernels#rows}, which broadcasts each input value once for the 3 taps
 * and 3 positions it reaches, and the weight gradient of 3x3 kernels on {@link
 * LaneKernels#rowGradients}: bit for bit the same sums. ResNet's 32->32 3x3 layer at 16x16,
 * forward+backward, one thread, alternating runs: 11.7-11.9 ms (152-155 GFLOP/s) against
 * 15.0-16.8 before the row tiles; the row weight gradient then 3.3-4.0 ms against 3.7-5.0 (the
 * layer 10.7-12.6 ms). A strided layer's phases whose taps come in unit-step pairs along rows of
 * whole runs (stride 2, two kernel columns) take {@link LaneKernels#rowPairs} the same way; at
 * stride 2 in width over output rows of whole runs the forward takes {@link LaneKernels#strideRows},
 * and at dilation 2 and stride 1 the forward and the input gradient take {@link
 * LaneKernels#dilatedRows}. (A stride-2 weight gradient on row tiles, 6 broadcasts per 18
 * multiply-adds, measured a tie with the tiles, and its runs of 7 were too large a method for C1:
 * "out of virtual registers", left in its tier-2 code for whole runs, which halved ResNet-20's
 * speed in {@code local[2]} in 2 runs of 3.)
 */
final class LaneConv {
    /** The most input or output channels {@link #serves} takes. */
    static final int MAX_CHANNELS = 64;
    private static final boolean ENABLED = !"false".equals(System.getProperty("convspark.conv.lanes"));
    /** Positions per weight-gradient run: 128 rows of 64 channels, 32 KB, stay in L1 across the taps. */
    private static final int GRADIENT_FLOATS = 128 * 64;
    /**
     * Channels-last rows of one chunk of samples, at most: 256 KB, a quarter of this machine's L2,
     * so that the layout copy of each chunk reads what the tiles have just written (or writes what
     * they read next) there. Over the whole batch at once the same copies ran from L3 at half the speed.
     */
    private static final int CHUNK_FLOATS = 64 * 1024;

    private final int inChannels;
    private final int outChannels;
    private final boolean bias;
    private final int height;
    private final int width;
    private final int outHeight;
    private final int outWidth;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int padTop;
    private final int padLeft;
    private final int paddedHeight;
    private final int paddedWidth;
    /** {@code kernelHeight * kernelWidth * inChannels}: the forward's depth. */
    private final int depth;
    /** {@link #depth} rounded up to whole tiles of the weight gradient (the extra taps read offset 0). */
    private final int depthPadded;
    /**
     * Forward and weight-gradient offsets in the parameters' order, input channel then kernel row
     * and column: {@code c * Hp * Wp + a * dh * Wp + b * dw}.
     */
    private final int[] forwardOffsets;
    /** Forward base offsets of one sample's output positions, {@code oh * sh * Wp + ow * sw}. */
    private final int[] sampleBases;
    /** Rows and columns of zeros ahead of the upstream gradient's planes (the input gradient reads back that far). */
    private final int guardTop;
    private final int guardLeft;
    private final int gradientHeight;
    private final int gradientWidth;
    private final List<Phase> phases = new ArrayList<>();
    private final int positionsPerSample;
    /** Samples per chunk: the layout copies go chunk by chunk, right after (or before) the tiles of that chunk. */
    private final int chunkSamples;
    /**
     * The run lengths of {@link LaneKernels#rows} for the forward and the input gradient (3-wide
     * kernels at stride 1 in width whose output, input, rows are whole runs), 0 where they do not
     * apply.
     */
    private final int forwardRun;
    private final int backwardRun;
    /** Whether the weight gradient runs on {@link LaneKernels#rowGradients}: the forward's runs, whole blocks of 3 kernel rows. */
    private final boolean gradientRows;
    /**
     * The run length of {@link LaneKernels#strideRows} for the forward (3-wide kernels at stride
     * 2 in width, output channels in whole blocks, output rows of whole runs), 0 where it does not apply.
     */
    private final int strideRun;
    /**
     * The run lengths of {@link LaneKernels#dilatedRows} for the forward and the input gradient
     * (3-wide kernels at dilation 2 and stride 1 in width, whole channel blocks, rows of whole runs;
     * the input gradient at stride 1), 0 where they do not apply.
     */
    private final int dilatedRun;
    private final int dilatedBackwardRun;

    /** Weights {@code [Cin][kh][kw][Cout]}, flipped for true convolution. */
    private final float[] forwardWeights;
    private final float[] biases;
    private final float[] zeros;
    private final float[] weightGradient;
    private final float[] biasGradient;
    private final boolean flip;

    /**
     * The padded input planes (kept for the weight gradient) and the guarded upstream gradient's:
     * only positions inside the image are ever written, so their borders keep a new array's zeros.
     */
    private final Buffer paddedInput = new Buffer();
    private final Buffer paddedGradient = new Buffer();
    /** Channels-last rows: the output, the upstream gradient, the input gradient. */
    private final Buffer outputTile = new Buffer();
    private final Buffer gradientTile = new Buffer();
    private final Buffer inputTile = new Buffer();
    /**
     * The forward's positions chunk by chunk, each chunk padded to whole tiles: bases in the
     * padded input, and where in the chunk's rows each result goes (padding to a scratch row).
     */
    private int[] forwardBase = new int[0];
    private int[] forwardOut = new int[0];
    /** Where each chunk's positions begin in {@link #forwardBase}, then the end. */
    private int[] forwardStart = new int[0];
    /** The input gradient's positions chunk by chunk and, in each chunk, phase by phase, each run padded to whole tiles. */
    private int[] backwardBase = new int[0];
    private int[] backwardOut = new int[0];
    /** Where the positions of chunk {@code k}, phase {@code f} begin in {@link #backwardBase}: index {@code k * phases + f}, then the end. */
    private int[] phaseStart = new int[0];
    private int forwardBatch = -1;
    private int backwardBatch = -1;

    /**
     * One phase of the stride for the input gradient: the input positions {@code (i, j)} of one
     * sample with {@code (i + padTop) mod sh = rowPhase}, {@code (j + padLeft) mod sw = colPhase},
     * the taps that reach them and their weights {@code [Cout][tap][Cin]}.
     */
    private record Phase(int[] positions, int[] bases, int depth, int[] offsets, int[] taps, float[] weights,
                         boolean pairs) {
    }

    /**
     * Whether the forward, the input gradient and the weight gradient run on the row tiles, and
     * the forward on the stride-2 row tiles, and the forward and the input gradient on the
     * dilation-2 row tiles (for tests: that each is exercised).
     */
    boolean[] rows() {
        return new boolean[] {forwardRun > 0, backwardRun > 0, gradientRows, strideRun > 0, dilatedRun > 0,
            dilatedBackwardRun > 0};
    }

    /** Whether the Vector API is present and {@code -Dconvspark.conv.lanes=false} not given. */
    static boolean available() {
        return ENABLED && DirectConv.available();
    }

    /**
     * Whether this path serves {@code spec} on {@code input}: where it measured faster than the
     * others, spatial kernels without dilation (or dilated 2 in width on the dilated row tiles:
     * {@link #dilatedRows}) and at most {@link #MAX_CHANNELS} channels either side.
     * Forward+backward, one thread, OpenBLAS on its AVX-512 kernel, same runs (ms, lanes against
     * the other paths): ResNet's 64->64 at 8x8 11.7 / 16.4, its 32->64 stride 2 8.3 / 11.0, 64->64
     * stride 2 at 32x32 17.1 / 19.8; ties at 32->32 16x16 and 64->64 32x32; the other paths ahead
     * on 128 channels (58.4 / 42.9: OpenBLAS's GEMMs are large there), dilation 2 before its row
     * tiles (53.9 / 49.9) and 1x1 projections (3.3 / 1.3: one GEMM, no im2col). With the row
     * tiles, ResNet's 16->16 layers (batch 128, alternating runs against {@link DirectConv}'s shift
     * kernels): 15.3-16.4 / 27.6-28.7 ms at 32x32 on a loaded host (the shift kernels' best that
     * day 18.8), 11.3-11.7 / 16.5-17.3 at 28x28; its 16->32 stride-2 layer, the input gradient on
     * single-vector tiles, 11.9-12.3 / 15.8-16.1 against im2col + GEMM.
     */
    static boolean serves(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        return fits(spec, input) && g.kernelVolume() > 1
                && (g.dilation(0) == 1 && g.dilation(1) == 1 || dilatedRows(spec, input))
                && input.dim(0) <= MAX_CHANNELS && spec.outChannels() <= MAX_CHANNELS;
    }

    /**
     * Whether a layer dilated 2 in width runs its forward and input gradient on {@link
     * LaneKernels#dilatedRows}: 3-wide kernels at stride 1, both channel counts in whole blocks,
     * rows of whole runs. Issue 6's 64->64 3x3 layer dilated 2 at 32x32 (batch 32, one thread,
     * forward+backward, same JVM, alternating): 50.5-54.9 ms against 57.6-60.8 through im2col and
     * OpenBLAS's AVX-512 GEMMs; on the tiles alone the lanes had been behind (53.9 against 49.9).
     */
    private static boolean dilatedRows(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        return g.kernel(1) == 3 && g.stride(0) == 1 && g.stride(1) == 1 && g.dilation(1) == 2
                && input.dim(0) % LaneKernels.CHANNEL_BLOCK == 0 && spec.outChannels() % LaneKernels.CHANNEL_BLOCK == 0
                && LaneKernels.rowRun(spec.outputShape(input).dim(2)) > 0 && LaneKernels.rowRun(input.dim(2)) > 0;
    }

    /**
     * Whether this path can run {@code spec} on {@code input}: 2-D, one group, zero padding, input
     * channels in whole vectors ({@link LaneKernels#LANES}), and output channels in whole blocks
     * of {@link LaneKernels#CHANNEL_BLOCK}, or in whole vectors where the forward and the weight
     * gradient run on the row tiles (3-wide kernels 3 or 6 high, stride and dilation 1 in width,
     * output rows of whole runs).
     */
    static boolean fits(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        if (g.dims() != 2 || g.groups() != 1 || g.paddingMode() != PaddingMode.ZEROS) {
            return false;
        }
        int in = input.dim(0);
        int out = spec.outChannels();
        if (in % LaneKernels.LANES != 0 || out % LaneKernels.LANES != 0) {
            return false;
        }
        return out % LaneKernels.CHANNEL_BLOCK == 0 || g.kernel(1) == 3 && g.kernel(0) % 3 == 0
                && g.stride(1) == 1 && g.dilation(1) == 1
                && LaneKernels.rowRun(spec.outputShape(input).dim(2), out) > 0;
    }

    LaneConv(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        Shape out = spec.outputShape(input);
        this.inChannels = input.dim(0);
        this.outChannels = spec.outChannels();
        this.bias = spec.bias();
        this.flip = spec.trueConvolution();
        this.height = input.dim(1);
        this.width = input.dim(2);
        this.outHeight = out.dim(1);
        this.outWidth = out.dim(2);
        this.kernelHeight = g.kernel(0);
        this.kernelWidth = g.kernel(1);
        this.padTop = g.padBefore(0);
        this.padLeft = g.padBefore(1);
        int strideH = g.stride(0);
        int strideW = g.stride(1);
        int dilationH = g.dilation(0);
        int dilationW = g.dilation(1);
        this.paddedHeight = Math.max(height + padTop + g.padAfter(0), (outHeight - 1) * strideH
                + (kernelHeight - 1) * dilationH + 1);
        this.paddedWidth = Math.max(width + padLeft + g.padAfter(1), (outWidth - 1) * strideW
                + (kernelWidth - 1) * dilationW + 1);
        this.depth = kernelHeight * kernelWidth * inChannels;
        this.depthPadded = DirectConv.roundUp(depth, LaneKernels.TAPS);
        this.forwardOffsets = new int[depthPadded];
        int paddedPlane = paddedHeight * paddedWidth;
        for (int c = 0, j = 0; c < inChannels; c++) {
            for (int a = 0; a < kernelHeight; a++) {
                for (int b = 0; b < kernelWidth; b++, j++) {
                    forwardOffsets[j] = c * paddedPlane + a * dilationH * paddedWidth + b * dilationW;
                }
            }
        }
        this.positionsPerSample = outHeight * outWidth;
        int sampleRows = Math.max(positionsPerSample * outChannels, height * width * inChannels);
        this.chunkSamples = Math.max(1, CHUNK_FLOATS / sampleRows);
        boolean rowTaps = kernelWidth == 3 && strideW == 1 && dilationW == 1;
        this.forwardRun = rowTaps ? LaneKernels.rowRun(outWidth, outChannels) : 0;
        this.backwardRun = rowTaps && strideH == 1 ? LaneKernels.rowRun(width, inChannels) : 0;
        this.gradientRows = forwardRun > 0 && depth % 9 == 0;
        this.strideRun = kernelWidth == 3 && strideW == 2 && dilationW == 1
                && outChannels % LaneKernels.CHANNEL_BLOCK == 0 ? LaneKernels.rowRun(outWidth) : 0;
        boolean dilatedTaps = kernelWidth == 3 && strideW == 1 && dilationW == 2;
        this.dilatedRun = dilatedTaps && outChannels % LaneKernels.CHANNEL_BLOCK == 0
                ? LaneKernels.rowRun(outWidth) : 0;
        this.dilatedBackwardRun = dilatedTaps && strideH == 1 && inChannels % LaneKernels.CHANNEL_BLOCK == 0
                ? LaneKernels.rowRun(width) : 0;
        this.sampleBases = new int[positionsPerSample];
        for (int r = 0, p = 0; r < outHeight; r++) {
            for (int q = 0; q < outWidth; q++, p++) {
                sampleBases[p] = r * strideH * paddedWidth + q * strideW;
            }
        }
        this.guardTop = (kernelHeight - 1) * dilationH / strideH;
        this.guardLeft = (kernelWidth - 1) * dilationW / strideW;
        this.gradientHeight = guardTop + Math.max(outHeight, (height - 1 + padTop) / strideH + 1);
        this.gradientWidth = guardLeft + Math.max(outWidth, (width - 1 + padLeft) / strideW + 1);
        for (int rowPhase = 0; rowPhase < strideH; rowPhase++) {
            for (int colPhase = 0; colPhase < strideW; colPhase++) {
                Phase phase = phase(rowPhase, colPhase, strideH, strideW, dilationH, dilationW);
                if (phase.positions.length > 0) {
                    phases.add(phase);
                }
            }
        }
        this.forwardWeights = new float[depth * outChannels];
        this.biases = new float[outChannels];
        this.zeros = new float[Math.max(inChannels, outChannels)];
        this.weightGradient = new float[depthPadded * outChannels];
        this.biasGradient = new float[outChannels];
    }

    private Phase phase(int rowPhase, int colPhase, int strideH, int strideW, int dilationH, int dilationW) {
        List<int[]> positions = new ArrayList<>();
        int rowWidth = 0;
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                if ((i + padTop) % strideH == rowPhase && (j + padLeft) % strideW == colPhase) {
                    positions.add(new int[] {i, j});
                }
            }
        }
        for (int j = 0; j < width; j++) {
            if ((j + padLeft) % strideW == colPhase) {
                rowWidth++;
            }
        }
        int[] at = new int[positions.size()];
        int[] bases = new int[positions.size()];
        for (int p = 0; p < at.length; p++) {
            int i = positions.get(p)[0];
            int j = positions.get(p)[1];
            at[p] = (i * width + j) * inChannels;
            bases[p] = ((i + padTop) / strideH + guardTop) * gradientWidth + (j + padLeft) / strideW + guardLeft;
        }
        // Taps last to first, so that each channel's offsets (which step back from the base) ascend:
        // read in descending addresses, the same tiles ran 1.6x slower (ResNet's 32->32 16x16 layer).
        List<Integer> taps = new ArrayList<>();
        for (int a = kernelHeight - 1; a >= 0; a--) {
            for (int b = kernelWidth - 1; b >= 0; b--) {
                if ((a * dilationH - rowPhase) % strideH == 0 && (b * dilationW - colPhase) % strideW == 0) {
                    taps.add(a * kernelWidth + b);
                }
            }
        }
        int phaseDepth = taps.size() * outChannels;
        int[] offsets = new int[phaseDepth];
        int[] tapList = new int[taps.size()];
        int gradientPlane = gradientHeight * gradientWidth;
        for (int t = 0; t < tapList.length; t++) {
            int tap = taps.get(t);
            tapList[t] = tap;
            int rowsBack = ((tap / kernelWidth) * dilationH - rowPhase) / strideH;
            int colsBack = ((tap % kernelWidth) * dilationW - colPhase) / strideW;
            for (int o = 0; o < outChannels; o++) {
                offsets[o * tapList.length + t] = o * gradientPlane - rowsBack * gradientWidth - colsBack;
            }
        }
        return new Phase(at, bases, phaseDepth, offsets, tapList, new float[phaseDepth * inChannels],
                pairRows(offsets, rowWidth));
    }

    /**
     * Whether a phase's taps come in unit-step pairs along a row (a stride-2 layer's phases that
     * two kernel columns reach) and its rows of {@code rowWidth} positions are whole runs of
     * {@link LaneKernels#rowPairs}: 8, or 16 for a last single vector of input channels.
     */
    private boolean pairRows(int[] offsets, int rowWidth) {
        if (offsets.length == 0 || offsets.length % 2 != 0) {
            return false;
        }
        for (int i = 0; i < offsets.length; i += 2) {
            if (offsets[i + 1] != offsets[i] + 1) {
                return false;
            }
        }
        int run = inChannels % LaneKernels.CHANNEL_BLOCK == 0 ? 8 : 16;
        return rowWidth > 0 && rowWidth % run == 0;
    }

    /** {@code batch} samples of {@code x} ({@code NCHW}) into {@code y} ({@code NCHW}). */
    void forward(float[] x, int batch, float[] params, int offset, float[] y) {
        readWeights(params, offset);
        int sampleIn = inChannels * paddedHeight * paddedWidth;
        float[] in = paddedInput.get(batch * sampleIn + ChannelsLast.FRAME_SLACK);
        ChannelsLast.copyRows(x, batch * inChannels, height, width, in, paddedHeight, paddedWidth,
                padTop * paddedWidth + padLeft);
        forwardPositions(batch, sampleIn);
        float[] out = outputTile.get((chunkSamples * positionsPerSample + 1) * outChannels);
        for (int first = 0, k = 0; first < batch; first += chunkSamples, k++) {
            int samples = Math.min(chunkSamples, batch - first);
            if (forwardRun > 0) {
                LaneKernels.rows(forwardWeights, outChannels, depth, forwardOffsets, in, forwardBase, forwardOut,
                        forwardStart[k], forwardStart[k] + samples * positionsPerSample, bias ? biases : zeros, out,
                        outChannels, forwardRun);
            } else if (strideRun > 0) {
                LaneKernels.strideRows(forwardWeights, outChannels, depth, forwardOffsets, in, forwardBase, forwardOut,
                        forwardStart[k], forwardStart[k] + samples * positionsPerSample, bias ? biases : zeros, out,
                        outChannels, strideRun);
            } else if (dilatedRun > 0) {
                LaneKernels.dilatedRows(forwardWeights, outChannels, depth, forwardOffsets, in, forwardBase, forwardOut,
                        forwardStart[k], forwardStart[k] + samples * positionsPerSample, bias ? biases : zeros, out,
                        outChannels, dilatedRun);
            } else {
                LaneKernels.tiles(forwardWeights, outChannels, depth, forwardOffsets, in, forwardBase, forwardOut,
                        forwardStart[k], forwardStart[k + 1], bias ? biases : zeros, out, outChannels);
            }
            ChannelsLast.toPlanes(out, samples, positionsPerSample, outChannels, y,
                    first * positionsPerSample * outChannels);
        }
    }

    /**
     * Backward for the batch of the last {@link #forward}: adds the parameter gradients into
     * {@code grads[offset...]} and, unless {@code dx} is null, writes the input gradient there.
     */
    void backward(float[] dy, int batch, float[] params, int offset, float[] grads, float[] dx) {
        float[] rows = gradientTile.get(chunkSamples * positionsPerSample * outChannels);
        Arrays.fill(biasGradient, 0f);
        int run = Math.max(1, GRADIENT_FLOATS / outChannels);
        if (gradientRows) {
            run = Math.max(forwardRun, run - run % forwardRun);
        }
        for (int first = 0, k = 0; first < batch; first += chunkSamples, k++) {
            int samples = Math.min(chunkSamples, batch - first);
            int positions = samples * positionsPerSample;
            ChannelsLast.fromPlanes(dy, first * positionsPerSample * outChannels, samples, outChannels, outHeight,
                    outWidth, rows, outHeight, outWidth, 0, 0);
            if (bias) {
                ChannelsLast.sumChannels(rows, positions, outChannels, biasGradient);
            }
            // Each chunk's sum on its own, then added: one float chain over the whole batch's
            // positions (6,210 at 3 samples of 46x45) missed the nested loops' sum by 1.5%.
            Arrays.fill(weightGradient, 0f);
            int start = forwardStart[k];
            for (int from = 0; from < positions; from += run) {
                int to = start + Math.min(positions, from + run);
                if (gradientRows) {
                    LaneKernels.rowGradients(rows, start, forwardOffsets, depth, paddedInput.get(0), forwardBase,
                            start + from, to, weightGradient, outChannels, forwardRun);
                } else {
                    LaneKernels.gradients(rows, start, forwardOffsets, depthPadded, paddedInput.get(0), forwardBase,
                            start + from, to, weightGradient, outChannels);
                }
            }
            addWeightGradient(grads, offset);
        }
        if (bias) {
            for (int o = 0; o < outChannels; o++) {
                grads[offset + depth * outChannels + o] += biasGradient[o];
            }
        }
        if (dx != null) {
            inputGradient(dy, batch, dx);
        }
    }

    private void inputGradient(float[] dy, int batch, float[] dx) {
        int sampleGradient = outChannels * gradientHeight * gradientWidth;
        float[] guarded = paddedGradient.get(batch * sampleGradient + ChannelsLast.FRAME_SLACK);
        ChannelsLast.copyRows(dy, batch * outChannels, outHeight, outWidth, guarded, gradientHeight, gradientWidth,
                guardTop * gradientWidth + guardLeft);
        readPhaseWeights();
        backwardPositions(batch, sampleGradient);
        int sampleInput = height * width * inChannels;
        float[] dxRows = inputTile.get((chunkSamples * height * width + 1) * inChannels);
        for (int first = 0, k = 0; first < batch; first += chunkSamples, k++) {
            int samples = Math.min(chunkSamples, batch - first);
            for (int f = 0; f < phases.size(); f++) {
                Phase phase = phases.get(f);
                int from = phaseStart[k * phases.size() + f];
                int to = phaseStart[k * phases.size() + f + 1];
                // The row tiles take the phase's real positions alone: whole runs, no padding past them.
                int real = from + samples * phase.positions.length;
                if (phase.depth == 0) {
                    // A stride wider than the kernel's reach: these input positions receive nothing.
                    for (int p = from; p < to; p++) {
                        Arrays.fill(dxRows, backwardOut[p], backwardOut[p] + inChannels, 0f);
                    }
                    continue;
                }
                if (backwardRun > 0) {
                    LaneKernels.rows(phase.weights, inChannels, phase.depth, phase.offsets, guarded, backwardBase,
                            backwardOut, from, real, zeros, dxRows, inChannels, backwardRun);
                } else if (dilatedBackwardRun > 0) {
                    LaneKernels.dilatedRows(phase.weights, inChannels, phase.depth, phase.offsets, guarded,
                            backwardBase, backwardOut, from, real, zeros, dxRows, inChannels, dilatedBackwardRun);
                } else if (phase.pairs) {
                    LaneKernels.rowPairs(phase.weights, inChannels, phase.depth, phase.offsets, guarded, backwardBase,
                            backwardOut, from, real, zeros, dxRows, inChannels);
                } else {
                    LaneKernels.tiles(phase.weights, inChannels, phase.depth, phase.offsets, guarded, backwardBase,
                            backwardOut, from, to, zeros, dxRows, inChannels);
                }
            }
            ChannelsLast.toPlanes(dxRows, samples, height * width, inChannels, dx, first * sampleInput);
        }
    }

    /**
     * The forward's position lists for {@code batch} samples, chunk by chunk, each chunk's real
     * positions first and then padding to whole tiles (rebuilt when the batch changes).
     */
    private void forwardPositions(int batch, int sampleIn) {
        if (batch == forwardBatch) {
            return;
        }
        int chunks = (batch + chunkSamples - 1) / chunkSamples;
        int total = 0;
        for (int first = 0; first < batch; first += chunkSamples) {
            total += DirectConv.roundUp(Math.min(chunkSamples, batch - first) * positionsPerSample,
                    LaneKernels.POSITIONS);
        }
        forwardBase = new int[total];
        forwardOut = new int[total];
        forwardStart = new int[chunks + 1];
        int p = 0;
        for (int first = 0, k = 0; first < batch; first += chunkSamples, k++) {
            forwardStart[k] = p;
            int positions = Math.min(chunkSamples, batch - first) * positionsPerSample;
            int end = p + DirectConv.roundUp(positions, LaneKernels.POSITIONS);
            for (int q = 0; p < end; p++, q++) {
                int real = Math.min(q, positions - 1);
                forwardBase[p] = (first + real / positionsPerSample) * sampleIn + sampleBases[real % positionsPerSample];
                forwardOut[p] = Math.min(q, positions) * outChannels;
            }
        }
        forwardStart[chunks] = p;
        forwardBatch = batch;
    }

    /** The input gradient's position lists, chunk by chunk and in each phase by phase, each padded to whole tiles. */
    private void backwardPositions(int batch, int sampleGradient) {
        if (batch == backwardBatch) {
            return;
        }
        int sampleInput = height * width * inChannels;  // channels-last, as the tiles write
        int chunks = (batch + chunkSamples - 1) / chunkSamples;
        int total = 0;
        for (int first = 0; first < batch; first += chunkSamples) {
            for (Phase phase : phases) {
                total += DirectConv.roundUp(Math.min(chunkSamples, batch - first) * phase.positions.length,
                        LaneKernels.POSITIONS);
            }
        }
        backwardBase = new int[total];
        backwardOut = new int[total];
        phaseStart = new int[chunks * phases.size() + 1];
        int p = 0;
        for (int first = 0, k = 0; first < batch; first += chunkSamples, k++) {
            int samples = Math.min(chunkSamples, batch - first);
            for (int f = 0; f < phases.size(); f++) {
                Phase phase = phases.get(f);
                phaseStart[k * phases.size() + f] = p;
                int count = phase.positions.length;
                int end = p + DirectConv.roundUp(samples * count, LaneKernels.POSITIONS);
                for (int s = 0; s < samples; s++) {
                    for (int i = 0; i < count; i++, p++) {
                        backwardBase[p] = (first + s) * sampleGradient + phase.bases[i];
                        backwardOut[p] = s * sampleInput + phase.positions[i];
                    }
                }
                for (; p < end; p++) {
                    backwardBase[p] = backwardBase[p - 1];
                    backwardOut[p] = chunkSamples * sampleInput;
                }
            }
        }
        phaseStart[chunks * phases.size()] = p;
        backwardBatch = batch;
    }

    /** Reads the parameters ({@code [Cout][Cin][kh][kw]}, then biases) into the forward's and each phase's layout. */
    private void readWeights(float[] params, int offset) {
        for (int o = 0; o < outChannels; o++) {
            int from = offset + o * depth;
            for (int j = 0; j < depth; j++) {
                forwardWeights[j * outChannels + o] = params[from + source(j)];
            }
        }
        if (bias) {
            System.arraycopy(params, offset + depth * outChannels, biases, 0, outChannels);
        }
    }

    /** Each phase's weights from the forward's (read by the last {@link #forward}). */
    private void readPhaseWeights() {
        int kernelVolume = kernelHeight * kernelWidth;
        for (Phase phase : phases) {
            int taps = phase.taps.length;
            for (int o = 0; o < outChannels; o++) {
                for (int t = 0; t < taps; t++) {
                    int row = (o * taps + t) * inChannels;
                    for (int c = 0; c < inChannels; c++) {
                        phase.weights[row + c] = forwardWeights[(c * kernelVolume + phase.taps[t]) * outChannels + o];
                    }
                }
            }
        }
    }

    /**
     * Where weight {@code j} (input channel, then tap) of the kernel this layer correlates with
     * sits in a row of the parameters: there for correlation, tap order reversed for true convolution.
     */
    private int source(int j) {
        return flip ? Conv.flippedTap(j, kernelHeight * kernelWidth) : j;
    }

    private void addWeightGradient(float[] grads, int offset) {
        for (int o = 0; o < outChannels; o++) {
            int to = offset + o * depth;
            for (int j = 0; j < depth; j++) {
                grads[to + source(j)] += weightGradient[j * outChannels + o];
            }
        }
    }
}
