package org.convspark.engine.layers;

import org.convspark.engine.gemm.KernelReport;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;

/**
 * {@link Conv}'s path for small 2-D layers at stride 1 without dilation or groups, zero padding
 * (LeNet's two): no column matrix. Each sample is copied once into a zero-padded plane per
 * channel ({@code Hp x Wp}); output position {@code p = oh * Wp + ow} (row stride {@code Wp}, so
 * {@code Wp - OW} slack positions a row) then reads tap {@code (c, a, b)} at
 * {@code p + c * Hp * Wp + a * Wp + b}: a fixed shift per tap, which {@link ShiftKernels} turns
 * into vector loads. Backward uses the same shifts: the weight gradient is
 * {@code sum_p dy[p] x[p + shift]}, the input gradient the "full" correlation
 * {@code sum dy[q - shift] W} over the upstream gradient laid out the same way, with zeros around
 * each channel (so no shift ever reads another channel's values or the slack).
 *
 * <p>Measured in LeNet-5 training at batch 64 (CPU time per step, one thread, shared machine):
 * conv2 forward 1.7 -> 0.9-1.0 ms and backward 4.0 -> 2.8 ms, conv1 forward 1.1 -> 0.6 ms and
 * backward (no input gradient) 1.1 -> 0.75-1.0 ms, against im2col and OpenBLAS, whose GEMMs are
 * too small there (16 x 140 x 151 per sample) and whose im2col, col2im and plane copies took
 * over half the time.
 *
 * <p>Layers with exactly one vector of output channels and 5-wide kernels (conv2 on AVX-512)
 * run on {@link ChannelKernels} instead, channels-last, which skips the slack columns and (input
 * gradient) the zeros around the upstream gradient. LeNet conv2 at batch 64, CPU time per call,
 * one thread, same session: forward 0.44 -> 0.38 ms, weight and bias gradients 0.67 -> 0.36 ms,
 * input gradient 0.72 -> 0.57 ms. The transposes to and from channels-last are scalar copies that
 * read (forward) or write (backward) in order, about a sixth of that time: gathers were faster
 * in the layer benchmark but allocated 20 MB a step in the LeNet-5 training benchmark (C2 did
 * not always keep them vectors), which ran 25% slower.
 *
 * <p>The padded copies keep their zeros between calls: only interior positions are ever
 * written, and a grown buffer starts zeroed.
 */
final class DirectConv {
    /**
     * Largest {@code Cin * kernel} and {@code Cout} served whole (tuning: {@code
     * -Dconvspark.conv.directPatch}, {@code directOut}); wider layers run their backward through
     * im2col and the BLAS (see {@link Conv}). Measured forward+backward at batch 128, one thread,
     * same runs: with OpenBLAS on its AVX-512 kernel, 32->32 3x3 at 16x16 ran at 95 GFLOP/s here
     * against 113 with GEMM backward, 16->16 at 32x32 at 99-102 against 91-94; with the BLAS
     * held to a narrower kernel than the CPU's ({@link KernelReport}: OPENBLAS_CORETYPE=Haswell on
     * AVX-512), 32->32 at 16x16 ran at 97 against about 60 through GEMMs, hence 32 channels there.
     */
    static final int MAX_PATCH = Integer.getInteger("convspark.conv.directPatch", 32 * 9);
    static final int MAX_OUT_CHANNELS = Integer.getInteger("convspark.conv.directOut",
            KernelReport.current().narrowerThanCpu() ? 32 : 16);
    /**
     * Samples per weight-gradient kernel call: its accumulators stay in registers across them
     * (64->64 3x3 at 7x7: 50 GFLOP/s one sample a call, 83 with 16; 128 ran 10x slower).
     */
    static final int GRADIENT_SAMPLES = 16;
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("convspark.conv.direct"));

    private final int inChannels;
    private final int outChannels;
    private final boolean bias;
    private final boolean flip;
    private final int height;
    private final int width;
    private final int padTop;
    private final int padLeft;
    private final int paddedWidth;
    private final int paddedPlane;
    private final int outHeight;
    private final int outWidth;
    private final int kernelVolume;
    /** {@code Cin * kernelVolume}: the forward product's depth. */
    private final int patch;
    private final int rowsOut;
    private final int rowsIn;
    /** Output positions computed per channel (rows of {@code Wp}, rounded up to whole tiles). */
    private final int spanOut;
    /** Padded-input positions computed per channel by the input gradient. */
    private final int spanIn;
    /** Floats per sample of the padded input (planes, then zeros the last shifts may read). */
    private final int sampleIn;
    /** Zeros ahead of each channel of the padded upstream gradient: the largest shift. */
    private final int guard;
    private final int dyRow;
    private final int sampleDy;
    /** Forward shifts, padded with zeros to a multiple of {@link ShiftKernels#TAPS} taps. */
    private final int[] forwardShifts;
    private final int tapsPadded;
    private final int[] backwardShifts;
    /**
     * Whether forward and weight gradient run on {@link ChannelKernels} (exactly one vector of
     * output channels, kernels of its width), not {@link ShiftKernels}.
     */
    private final boolean channelsLast;
    /** Positions per row of the channels-last tiles: the output width rounded up to whole register tiles. */
    private final int channelRow;
    /** One sample's output, channels-last, dense, with room for a last tile past the last row. */
    private final float[] outputTile;
    /** One sample's upstream gradient, channels-last, zero past each row's output width. */
    private final float[] gradientTile;
    /** Row stride of {@link #inputTile}: room for the last register tile's columns. */
    private final int inputRow;
    /** One sample's input gradient over the padded planes, from {@link ChannelKernels#inputGradientRow}. */
    private final float[] inputTile;

    private float[] paddedInput = new float[0];
    private float[] paddedGradient = new float[0];
    private final float[] forwardWeights;
    private final float[] backwardWeights;
    /** The forward or backward weights as {@link ShiftKernels#pack} lays them out for the call at hand. */
    private final float[] packedWeights;
    private final float[] biases;
    private final float[] outTile;
    private final float[] inTile;
    private final float[] lanes;
    private final float[] biasLanes;

    /** Whether forward and weight gradient run on {@link ChannelKernels} (for tests: that they are exercised). */
    boolean channelsLast() {
        return channelsLast;
    }

    /** Whether the Vector API is present (and {@code -Dconvspark.conv.direct=false} not given). */
    static boolean available() {
        return AVAILABLE;
    }

    /** Whether this path serves {@code spec} on {@code input}, given the Vector API. */
    static boolean serves(ConvSpec spec, Shape input) {
        return serves(spec, input, MAX_OUT_CHANNELS);
    }

    /** As above with at most {@code maxOut} output channels. */
    static boolean serves(ConvSpec spec, Shape input, int maxOut) {
        return fits(spec, input) && (long) input.dim(0) * spec.geometry().kernelVolume() <= MAX_PATCH
                && spec.outChannels() <= maxOut;
    }

    /** Whether this path can run {@code spec} on {@code input} at all (2-D, stride 1, no dilation or groups, zeros). */
    static boolean fits(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        if (g.dims() != 2 || g.groups() != 1 || g.paddingMode() != PaddingMode.ZEROS) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            if (g.stride(i) != 1 || g.dilation(i) != 1) {
                return false;
            }
        }
        Shape out = spec.outputShape(input);
        for (int i = 0; i < 2; i++) {
            if (out.dim(i + 1) != input.dim(i + 1) + g.padBefore(i) + g.padAfter(i) - g.kernel(i) + 1) {
                return false;
            }
        }
        return true;
    }

    DirectConv(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        this.inChannels = input.dim(0);
        this.outChannels = spec.outChannels();
        this.bias = spec.bias();
        this.flip = spec.trueConvolution();
        this.height = input.dim(1);
        this.width = input.dim(2);
        this.padTop = g.padBefore(0);
        this.padLeft = g.padBefore(1);
        int paddedHeight = height + padTop + g.padAfter(0);
        this.paddedWidth = width + padLeft + g.padAfter(1);
        this.paddedPlane = paddedHeight * paddedWidth;
        int kh = g.kernel(0);
        int kw = g.kernel(1);
        this.outHeight = paddedHeight - kh + 1;
        this.outWidth = paddedWidth - kw + 1;
        this.kernelVolume = kh * kw;
        this.patch = inChannels * kernelVolume;
        // The kernels take rows in 4-row tiles and one last pair: counts rounded up to even.
        this.rowsOut = roundUp(outChannels, 2);
        this.rowsIn = roundUp(inChannels, 2);
        this.spanOut = roundUp(outHeight * paddedWidth, ShiftKernels.SPAN);
        this.spanIn = roundUp(paddedPlane, ShiftKernels.SPAN);
        this.tapsPadded = roundUp(patch, ShiftKernels.TAPS);
        this.forwardShifts = new int[tapsPadded];
        for (int c = 0, j = 0; c < inChannels; c++) {
            for (int a = 0; a < kh; a++) {
                for (int b = 0; b < kw; b++, j++) {
                    forwardShifts[j] = c * paddedPlane + a * paddedWidth + b;
                }
            }
        }
        this.channelsLast = outChannels == ChannelKernels.LANES && kw == ChannelKernels.KERNEL_WIDTH;
        this.channelRow = roundUp(outWidth, ChannelKernels.POSITIONS);
        int channelReach = (outHeight - 1) * paddedWidth + channelRow;
        this.outputTile = channelsLast ? new float[(outHeight * outWidth + ChannelKernels.POSITIONS) * outChannels] : null;
        this.gradientTile = channelsLast ? new float[outHeight * channelRow * outChannels] : null;
        this.inputRow = channelRow - ChannelKernels.POSITIONS + ChannelKernels.SPAN;
        this.inputTile = channelsLast ? new float[inChannels * paddedHeight * inputRow] : null;
        this.sampleIn = Math.max(inChannels * paddedPlane, forwardShifts[patch - 1] + Math.max(spanOut, channelReach));
        this.guard = (kh - 1) * paddedWidth + kw - 1;
        this.dyRow = guard + Math.max(spanOut, spanIn);
        this.sampleDy = rowsOut * dyRow;
        this.backwardShifts = new int[outChannels * kernelVolume];
        for (int o = 0, j = 0; o < outChannels; o++) {
            for (int a = 0; a < kh; a++) {
                for (int b = 0; b < kw; b++, j++) {
                    backwardShifts[j] = o * dyRow + guard - (a * paddedWidth + b);
                }
            }
        }
        this.forwardWeights = new float[rowsOut * patch];
        this.backwardWeights = new float[rowsIn * outChannels * kernelVolume];
        this.packedWeights = new float[Math.max(forwardWeights.length, backwardWeights.length)];
        this.biases = new float[rowsOut];
        this.outTile = new float[rowsOut * spanOut];
        this.inTile = new float[rowsIn * spanIn];
        this.lanes = new float[rowsOut * tapsPadded * ShiftKernels.LANES];
        this.biasLanes = new float[outChannels * ShiftKernels.LANES];
    }

    /** {@code batch} samples of {@code x} (from index 0) into {@code y} (from index 0), output planes dense. */
    void forward(float[] x, int batch, float[] params, int offset, float[] y) {
        loadForwardWeights(params, offset);
        if (!channelsLast) {
            ShiftKernels.pack(forwardWeights, 0, rowsOut, patch, packedWeights);
        }
        if (paddedInput.length < batch * sampleIn) {
            paddedInput = new float[batch * sampleIn];
        }
        int inSize = inChannels * height * width;
        int outPlane = outHeight * outWidth;
        for (int s = 0; s < batch; s++) {
            copyRows(x, s * inSize, width, height * width, paddedInput, s * sampleIn + padTop * paddedWidth + padLeft,
                    paddedWidth, paddedPlane, inChannels, height, width);
            if (channelsLast) {
                for (int h = 0; h < outHeight; h++) {
                    ChannelKernels.forwardRow(forwardWeights, patch, forwardShifts, paddedInput,
                            s * sampleIn + h * paddedWidth, biases, outputTile, h * outWidth, outWidth);
                }
                toPlanes(outputTile, outPlane, y, s * outChannels * outPlane);
                continue;
            }
            ShiftKernels.shifted(packedWeights, patch, rowsOut, biases, forwardShifts, paddedInput, s * sampleIn,
                    outTile, 0, spanOut, spanOut);
            copyRows(outTile, 0, paddedWidth, spanOut, y, s * outChannels * outPlane, outWidth, outPlane, outChannels,
                    outHeight, outWidth);
        }
    }

    /**
     * Backward for the batch of the last {@link #forward}: adds the parameter gradients into
     * {@code grads[offset...]} and, unless {@code dx} is null, writes the input gradient there.
     */
    void backward(float[] dy, int batch, float[] params, int offset, float[] grads, float[] dx) {
        java.util.Arrays.fill(lanes, 0f);
        java.util.Arrays.fill(biasLanes, 0f);
        if (channelsLast) {
            channelBackward(dy, batch, params, offset, grads, dx);
            return;
        }
        padGradient(dy, batch);
        int biasAt = offset + outChannels * patch;
        for (int s = 0; s < batch; s += GRADIENT_SAMPLES) {
            ShiftKernels.weightGradient(paddedGradient, s * sampleDy + guard, dyRow, sampleDy, rowsOut, forwardShifts,
                    tapsPadded, paddedInput, s * sampleIn, sampleIn, Math.min(GRADIENT_SAMPLES, batch - s), lanes,
                    spanOut);
        }
        for (int s = 0; s < batch; s++) {
            if (bias) {
                ShiftKernels.rowSums(paddedGradient, s * sampleDy + guard, dyRow, outChannels, spanOut, biasLanes);
            }
        }
        int l = ShiftKernels.LANES;
        if (bias) {
            for (int o = 0; o < outChannels; o++) {
                grads[biasAt + o] += sum(biasLanes, o * l);
            }
        }
        for (int o = 0; o < outChannels; o++) {
            for (int j = 0; j < patch; j++) {
                grads[offset + o * patch + tap(j)] += sum(lanes, (o * tapsPadded + j) * l);
            }
        }
        if (dx != null) {
            inputGradient(params, offset, batch, dx);
        }
    }

    /** {@code dy} into the zero-guarded planes {@link ShiftKernels} reads. */
    private void padGradient(float[] dy, int batch) {
        if (paddedGradient.length < batch * sampleDy) {
            paddedGradient = new float[batch * sampleDy];
        }
        int outPlane = outHeight * outWidth;
        for (int s = 0; s < batch; s++) {
            copyRows(dy, s * outChannels * outPlane, outWidth, outPlane, paddedGradient, s * sampleDy + guard,
                    paddedWidth, dyRow, outChannels, outHeight, outWidth);
        }
    }

    /** The forward weights from {@code params}: channels-last for {@link ChannelKernels}, else one row per output channel. */
    private void loadForwardWeights(float[] params, int offset) {
        for (int o = 0; o < outChannels; o++) {
            for (int j = 0; j < patch; j++) {
                int at = channelsLast ? j * outChannels + o : o * patch + j;
                forwardWeights[at] = params[offset + o * patch + tap(j)];
            }
            biases[o] = bias ? params[offset + outChannels * patch + o] : 0f;
        }
    }

    /**
     * Backward through {@link ChannelKernels}, one sample's upstream gradient transposed at a
     * time: the weight and bias gradients and, unless {@code dx} is null, the input gradient.
     */
    private void channelBackward(float[] dy, int batch, float[] params, int offset, float[] grads, float[] dx) {
        if (dx != null) {
            loadForwardWeights(params, offset);
        }
        int outPlane = outHeight * outWidth;
        int inSize = inChannels * height * width;
        int paddedHeight = paddedPlane / paddedWidth;
        int kh = kernelVolume / ChannelKernels.KERNEL_WIDTH;
        for (int s = 0; s < batch; s++) {
            int from = s * outChannels * outPlane;
            for (int h = 0; h < outHeight; h++) {
                for (int w = 0; w < outWidth; w++) {
                    int q = from + h * outWidth + w;
                    int to = (h * channelRow + w) * outChannels;
                    for (int o = 0; o < outChannels; o++) {
                        gradientTile[to + o] = dy[q + o * outPlane];
                    }
                }
            }
            ChannelKernels.weightGradient(gradientTile, channelRow, forwardShifts, patch, paddedInput, s * sampleIn,
                    outHeight, paddedWidth, lanes);
            if (bias) {
                ChannelKernels.sum(gradientTile, outHeight * channelRow, biasLanes);
            }
            if (dx != null) {
                java.util.Arrays.fill(inputTile, 0f);
                for (int c = 0; c < inChannels; c++) {
                    for (int y = 0; y < paddedHeight; y++) {
                        ChannelKernels.inputGradientRow(forwardWeights, c * kernelVolume * outChannels, kh,
                                gradientTile, channelRow, y, outHeight, inputTile, (c * paddedHeight + y) * inputRow);
                    }
                }
                copyRows(inputTile, padTop * inputRow + padLeft, inputRow, paddedHeight * inputRow, dx, s * inSize,
                        width, height * width, inChannels, height, width);
            }
        }
        for (int o = 0; o < outChannels; o++) {
            if (bias) {
                grads[offset + outChannels * patch + o] += biasLanes[o];
            }
            for (int j = 0; j < patch; j++) {
                grads[offset + o * patch + tap(j)] += lanes[j * outChannels + o];
            }
        }
    }

    /**
     * A channels-last tile ({@code tile[q * outChannels + o]}, {@code q < plane}) into planes
     * ({@code y[at + o * plane + q]}), reading the tile in order.
     */
    private void toPlanes(float[] tile, int plane, float[] y, int at) {
        for (int q = 0; q < plane; q++) {
            int from = q * outChannels;
            for (int o = 0; o < outChannels; o++) {
                y[at + o * plane + q] = tile[from + o];
            }
        }
    }

    private void inputGradient(float[] params, int offset, int batch, float[] dx) {
        int depth = outChannels * kernelVolume;
        for (int c = 0; c < inChannels; c++) {
            for (int o = 0; o < outChannels; o++) {
                for (int t = 0; t < kernelVolume; t++) {
                    int j = c * kernelVolume + t;
                    backwardWeights[c * depth + o * kernelVolume + t] = params[offset + o * patch + tap(j)];
                }
            }
        }
        ShiftKernels.pack(backwardWeights, 0, rowsIn, depth, packedWeights);
        int inSize = inChannels * height * width;
        for (int s = 0; s < batch; s++) {
            ShiftKernels.shifted(packedWeights, depth, rowsIn, null, backwardShifts, paddedGradient, s * sampleDy,
                    inTile, 0, spanIn, spanIn);
            copyRows(inTile, padTop * paddedWidth + padLeft, paddedWidth, spanIn, dx, s * inSize, width, height * width,
                    inChannels, height, width);
        }
    }

    /**
     * Copies {@code planes x rows} rows of {@code length} floats between planes of the given row
     * and plane strides (one copy when both sides are dense).
     */
    private static void copyRows(float[] src, int srcOffset, int srcRow, int srcPlane, float[] dst, int dstOffset,
                                 int dstRow, int dstPlane, int planes, int rows, int length) {
        if (srcRow == length && dstRow == length && srcPlane == rows * length && dstPlane == srcPlane) {
            System.arraycopy(src, srcOffset, dst, dstOffset, planes * srcPlane);
            return;
        }
        ChannelsLast.copyRows(src, srcOffset, srcRow, srcPlane, dst, dstOffset, dstRow, dstPlane, planes, rows, length);
    }

    /** The sum of the {@link ShiftKernels#LANES} partial sums at {@code lanes[at...]}. */
    private static float sum(float[] lanes, int at) {
        float sum = 0f;
        for (int i = 0; i < ShiftKernels.LANES; i++) {
            sum += lanes[at + i];
        }
        return sum;
    }

    /** Where weight {@code j} of a row (channel-major, then taps) is read: flipped per kernel for true convolution. */
    private int tap(int j) {
        return flip ? Conv.flippedTap(j, kernelVolume) : j;
    }

    /** {@code n} rounded up to a multiple of {@code multiple} (the direct paths' tile padding). */
    static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
