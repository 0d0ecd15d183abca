package org.convspark.engine.layers;

import java.util.Arrays;
import java.util.Random;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.im2col.Im2Col;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Convolution over 1, 2 or 3 spatial dimensions by im2col and one GEMM per channel group:
 * {@code out_g = W_g [Cout/g x K] * col_g [K x L]} with {@code K = Cin/g * kernelVolume} and
 * {@code L} output positions. Backward: {@code dW_g += dOut_g col_g^T}, bias gradient the sum
 * over positions, input gradient {@code col2im(W_g^T dOut_g)}.
 *
 * <p>Parameters (PyTorch's layout): weights {@code Cout, Cin/g, kernel...}, then {@code Cout}
 * biases when the spec has bias. With {@code trueConvolution} the kernel is read flipped along
 * every spatial axis (convolution proper); since a row-major N-d kernel reversed along every axis
 * is its flat order reversed, the flip is a reversed copy per {@code (cout, cin)} pair.
 *
 * <p>Speed (measured on the engine benchmark's conv layers): the batch goes through in {@link ColumnBlocks}, each
 * one GEMM wide (its result moved to the output planes unless it is one sample without slack);
 * with one group the bias rides in the GEMMs (see {@link #fusedBias}); a training forward keeps
 * gathered (not swept) column matrices for backward when they fit in {@code cacheFloats}, else
 * backward rebuilds them per block; the weight gradient is computed transposed
 * ({@code col dOut^T}, faster in OpenBLAS for these shapes) and folded into the gradient array
 * once per batch; and a layer told it needs no input gradient (a network's first layer) skips
 * that GEMM and col2im. Tuning: {@code -Dconvspark.conv.blockFloats} (default 16384),
 * {@code -Dconvspark.conv.tileFloats} (default 262144) and {@code -Dconvspark.conv.cacheFloats}
 * (default 8388608, 32 MB, per layer).
 *
 * <p>2-D layers that a Vector API path runs faster skip im2col and the BLAS altogether: {@link
 * WinogradConv}, {@link LaneConv} and {@link DirectConv}, tried in that order, each where its
 * {@code serves} says (the choices and the measurements behind them are in those classes;
 * {@code -Dconvspark.conv.winograd=false}, {@code lanes=false} and {@code direct=false} turn them
 * off). {@link #algorithm()} names the path a layer took.
 */
public final class Conv implements Layer {
    private static final String TYPE = "conv";
    /** Tuning knobs (see the class comment); public for the model's memory estimate. */
    public static final int BLOCK_FLOATS = Integer.getInteger("convspark.conv.blockFloats", 1 << 14);
    public static final long CACHE_FLOATS = Long.getLong("convspark.conv.cacheFloats", 1L << 23);
    public static final int TILE_FLOATS = Integer.getInteger("convspark.conv.tileFloats", 1 << 18);

    private final ConvSpec spec;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Gemm gemm;
    private final Im2Col im2col;
    private final ColumnBlocks blocks;
    private final long cacheFloats;
    private final int groups;
    private final int outChannels;
    private final int outPerGroup;
    private final int patch;
    private final int kernelVolume;
    /** GEMM columns per sample (output positions, plus slack; see {@link Im2Col}). */
    private final int columns;
    private final int weightCount;
    /**
     * With one group the bias rides in the GEMMs: a row of ones under the columns and the biases
     * as one more weight column (saving a pass over the output forward), so the bias gradient
     * comes out as one more row of the weight gradient (saving a pass over dOut backward; the
     * plain sum measured 0.35 ms of LeNet conv1's 3.6). Grouped layers keep the ones row for a
     * separate bias-gradient GEMM.
     */
    private final boolean fusedBias;
    /** Rows of a block's column matrix: the im2col rows, plus the row of ones when there is a bias. */
    private final int colRows;
    /** Row stride of the weights the GEMMs read: {@code patch}, plus one for the fused bias. */
    private final int weightStride;
    /** The im2col-free path for small stride-1 layers, or null (see {@link DirectConv}). */
    private final DirectConv direct;
    /**
     * For a stride-1 layer too wide for {@link #direct} but with at most {@link
     * #DIRECT_FORWARD_MAX_OUT} output channels, {@link DirectConv}'s forward alone: backward
     * rebuilds the columns and runs the GEMMs. Measured forward+backward, one thread, OpenBLAS on
     * its AVX-512 kernel, same run: 64->64 3x3 at 7x7 (batch 128) 103 GFLOP/s against 90 with
     * both passes on GEMMs (forward 151 against 90), at 32x32 (batch 32) 162 against 150; at
     * 128 channels (16x16) the forward gained 2% and backward, no longer finding the forward's
     * columns, lost 8%, hence the limit. {@code -Dconvspark.conv.directForward=false} turns it off.
     */
    private final DirectConv directForward;
    /** The channels-last direct path for all three passes (see {@link LaneConv}), or null. */
    private final LaneConv lanes;
    /** The channels-last Winograd path for all three passes (see {@link WinogradConv}), or null. */
    private final WinogradConv winograd;
    private static final boolean DIRECT_FORWARD = !"false".equals(System.getProperty("convspark.conv.directForward"));
    static final int DIRECT_FORWARD_MAX_OUT = 64;

    private final Buffer blockColumns = new Buffer();
    private final Buffer cachedColumns = new Buffer();
    private final Buffer blockOutput = new Buffer();
    private final Buffer output = new Buffer();
    private final Buffer gradInput = new Buffer();
    private final Buffer transposedGradient = new Buffer();
    private final Buffer gemmWeights = new Buffer();
    private boolean needsInputGradient = true;
    private Tensor input;
    private boolean columnsCached;
    /** What the GEMMs read as weights in the current call: the parameters, or their flipped copy. */
    private float[] weights;
    private int weightsOffset;

    public Conv(ConvSpec spec, Shape inputShape) {
        this(spec, inputShape, Gemm.defaultGemm());
    }

    /** Validates the spec against {@code inputShape}; errors name the field and its value. */
    public Conv(ConvSpec spec, Shape inputShape, Gemm gemm) {
        this(spec, inputShape, gemm, BLOCK_FLOATS, TILE_FLOATS, CACHE_FLOATS, true);
    }

    /**
     * With explicit block, tile and cache sizes in floats, and whether {@link DirectConv} may serve
     * the layer (tests drive every path through these).
     */
    Conv(ConvSpec spec, Shape inputShape, Gemm gemm, int blockFloats, int tileFloats, long cacheFloats,
         boolean directAllowed) {
        this(spec, inputShape, gemm, blockFloats, tileFloats, cacheFloats,
                directAllowed ? DirectConv.MAX_OUT_CHANNELS : 0);
    }

    /**
     * As above, {@link DirectConv} serving layers of up to {@code directMaxOut} output channels
     * whole (0: none, and not the forward either).
     */
    Conv(ConvSpec spec, Shape inputShape, Gemm gemm, int blockFloats, int tileFloats, long cacheFloats,
         int directMaxOut) {
        this(spec, inputShape, gemm, blockFloats, tileFloats, cacheFloats, directMaxOut, Lanes.WHERE_FASTEST);
    }

    /**
     * Whether {@link WinogradConv} or {@link LaneConv} runs a layer: neither, where measured
     * fastest, or the one named wherever it fits (tests drive each path through this).
     */
    enum Lanes {
        NEVER, WHERE_FASTEST, DIRECT, WINOGRAD
    }

    /**
     * As above, {@link WinogradConv} or {@link LaneConv} running the layer as {@code lanePolicy}
     * says (neither when {@code directMaxOut} is 0).
     */
    Conv(ConvSpec spec, Shape inputShape, Gemm gemm, int blockFloats, int tileFloats, long cacheFloats,
         int directMaxOut, Lanes lanePolicy) {
        boolean directAllowed = directMaxOut > 0;
        if (spec.geometry().paddingMode() == PaddingMode.MEAN) {
            throw new IllegalArgumentException("padding_mode mean is not an index map: build the layer with "
                    + "LayerFactory, which wraps the convolution in a MeanPaddedConv");
        }
        this.spec = spec;
        this.inputShape = inputShape;
        this.outputShape = spec.outputShape(inputShape);
        this.gemm = gemm;
        ConvGeometry g = spec.geometry();
        int inChannels = inputShape.dim(0);
        this.groups = g.groups();
        this.outChannels = spec.outChannels();
        this.outPerGroup = outChannels / groups;
        this.kernelVolume = g.kernelVolume();
        this.patch = inChannels / groups * kernelVolume;
        this.im2col = new Im2Col(g, inChannels, inputShape.last(g.dims()));
        this.columns = im2col.columns();
        this.weightCount = outChannels * patch;
        this.fusedBias = spec.bias() && groups == 1;
        this.colRows = im2col.rows() + (spec.bias() ? 1 : 0);
        this.weightStride = patch + (fusedBias ? 1 : 0);
        this.blocks = new ColumnBlocks(colRows + outChannels, im2col.runs(), im2col.columns(0, 1), blockFloats,
                tileFloats);
        this.cacheFloats = cacheFloats;
        boolean fastest = lanePolicy == Lanes.WHERE_FASTEST;
        this.winograd = directAllowed && WinogradConv.available() && WinogradConv.fits(spec, inputShape)
                && (fastest && WinogradConv.serves(spec, inputShape) || lanePolicy == Lanes.WINOGRAD)
                ? new WinogradConv(spec, inputShape) : null;
        this.lanes = winograd == null && directAllowed && LaneConv.available() && LaneConv.fits(spec, inputShape)
                && (fastest && LaneConv.serves(spec, inputShape) || lanePolicy == Lanes.DIRECT)
                ? new LaneConv(spec, inputShape) : null;
        boolean shiftsAllowed = winograd == null && lanes == null && directAllowed && DirectConv.available();
        this.direct = shiftsAllowed && DirectConv.serves(spec, inputShape, directMaxOut)
                ? new DirectConv(spec, inputShape) : null;
        this.directForward = shiftsAllowed && direct == null && DIRECT_FORWARD && DirectConv.fits(spec, inputShape)
                && outChannels <= DIRECT_FORWARD_MAX_OUT ? new DirectConv(spec, inputShape) : null;
    }

    /**
     * The algorithm this layer runs, for benchmark tables and logs: {@code "Winograd F(2x2,3x3)
     * (lane kernels)"}, {@code "direct channels-last (lane kernels)"}, {@code "direct (channel
     * kernels)"}, {@code "direct (shift kernels)"}, {@code "direct forward (shift kernels), backward
     * im2col + GEMM (<gemm name>)"} or {@code "im2col + GEMM (<gemm name>)"}.
     */
    public String algorithm() {
        if (winograd != null) {
            return "Winograd F(2x2,3x3) (lane kernels)";
        }
        if (lanes != null) {
            return "direct channels-last (lane kernels)";
        }
        if (direct != null) {
            return direct.channelsLast() ? "direct (channel kernels)" : "direct (shift kernels)";
        }
        if (directForward != null) {
            return "direct forward (shift kernels), backward im2col + GEMM (" + gemm.name() + ")";
        }
        return "im2col + GEMM (" + gemm.name() + ")";
    }

    /** Whether this layer runs on {@link LaneConv}. */
    boolean lanes() {
        return lanes != null;
    }

    /** Whether this layer runs on {@link WinogradConv}. */
    boolean winograd() {
        return winograd != null;
    }

    /** Whether this layer runs on {@link DirectConv} rather than im2col and GEMMs. */
    boolean direct() {
        return direct != null;
    }

    /** Whether {@link DirectConv} runs this layer's forward and weight gradient channels-last (for tests). */
    boolean directChannelsLast() {
        return direct != null && direct.channelsLast();
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public int parameterCount() {
        return weightCount + (spec.bias() ? outChannels : 0);
    }

    /** PyTorch's default: weights and biases uniform in +-1/sqrt(fan_in), fan_in = Cin/g * kernelVolume. */
    @Override
    public void initialize(float[] params, int offset, Random rng) {
        FanInUniform.fill(params, offset, parameterCount(), patch, rng);
    }

    @Override
    public void setNeedsInputGradient(boolean needed) {
        this.needsInputGradient = needed;
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require(TYPE, "input", input, inputShape);
        this.input = input;
        int batch = input.batch();
        int outSize = outputShape.size();
        float[] y = output.get(batch * outSize);
        if (winograd != null) {
            winograd.forward(input.data(), batch, params, offset, y);
            return new Tensor(y, outputShape.prepend(batch));
        }
        if (lanes != null) {
            lanes.forward(input.data(), batch, params, offset, y);
            return new Tensor(y, outputShape.prepend(batch));
        }
        if (direct != null) {
            direct.forward(input.data(), batch, params, offset, y);
            return new Tensor(y, outputShape.prepend(batch));
        }
        if (directForward != null) {
            directForward.forward(input.data(), batch, params, offset, y);
            columnsCached = false;
            return new Tensor(y, outputShape.prepend(batch));
        }
        readWeights(params, offset);
        // Swept columns are rebuilt faster than they are written out and read back from memory
        // (paired runs: LeNet conv1/conv2 and the 3-channel layer 7-13% faster rebuilt); gathered
        // ones, strided, are not (13% faster kept).
        columnsCached = training && !im2col.swept() && (long) colRows * columns * batch <= cacheFloats;
        float[] col = columnsCached ? cachedColumns.get(colRows * columns * batch)
                : blockColumns.get(colRows * im2col.columns(0, blocks.maxRuns()));
        for (int b = 0; b < blocks.count(batch); b++) {
            int first = blocks.first(b);
            int size = blocks.samples(b, batch);
            int width = width(b, batch);
            int colOffset = columnsCached ? cacheOffset(b) : 0;
            fillColumns(input.data(), b, batch, col, colOffset);
            boolean inPlace = inOutputLayout(size);
            float[] out = inPlace ? y : blockOutput.get(outChannels * width);
            int outOffset = inPlace ? first * outSize : 0;
            float beta = 0f;
            if (spec.bias() && !fusedBias) {
                for (int o = 0; o < outChannels; o++) {
                    Arrays.fill(out, outOffset + o * width, outOffset + (o + 1) * width, params[offset + weightCount + o]);
                }
                beta = 1f;
            }
            for (int g = 0; g < groups; g++) {
                gemm.sgemm(false, false, outPerGroup, width, weightStride,
                        1f, weights, weightsOffset + g * outPerGroup * weightStride, weightStride,
                        col, colOffset + g * patch * width, width,
                        beta, out, outOffset + g * outPerGroup * width, width);
            }
            if (!inPlace) {
                for (int j = 0; j < size; j++) {
                    im2col.toPlanes(out, j * columns, width, outChannels, y, (first + j) * outSize, blocks.runBegin(b),
                            blocks.runEnd(b));
                }
            }
        }
        return new Tensor(y, outputShape.prepend(batch));
    }

    /** As {@link Layer#backward}; returns null when told no input gradient is needed. */
    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.requireBackward(TYPE, gradOutput, outputShape, input == null ? -1 : input.batch());
        int batch = input.batch();
        if (winograd != null) {
            float[] dx = needsInputGradient ? gradInput.get(batch * inputShape.size()) : null;
            winograd.backward(gradOutput.data(), batch, params, offset, grads, dx);
            return dx == null ? null : new Tensor(dx, inputShape.prepend(batch));
        }
        if (lanes != null) {
            float[] dx = needsInputGradient ? gradInput.get(batch * inputShape.size()) : null;
            lanes.backward(gradOutput.data(), batch, params, offset, grads, dx);
            return dx == null ? null : new Tensor(dx, inputShape.prepend(batch));
        }
        if (direct != null) {
            float[] dx = needsInputGradient ? gradInput.get(batch * inputShape.size()) : null;
            direct.backward(gradOutput.data(), batch, params, offset, grads, dx);
            return dx == null ? null : new Tensor(dx, inputShape.prepend(batch));
        }
        return backwardBlocks(gradOutput.data(), batch, params, offset, grads, needsInputGradient);
    }

    /**
     * The input gradient alone, {@code col2im(W^T dy)}, for a {@code dy} of any batch and no
     * forward before it: the forward of a transposed convolution (see {@link ConvTranspose}).
     * Only for a layer built without {@link DirectConv}.
     */
    Tensor inputGradient(Tensor gradOutput, float[] params, int offset) {
        requireBlocks();
        BatchShape.require(TYPE, "gradient", gradOutput, outputShape);
        input = null;
        columnsCached = false;
        return backwardBlocks(gradOutput.data(), gradOutput.batch(), params, offset, null, true);
    }

    /**
     * Adds the weight (and bias) gradient of input {@code x} and output gradient {@code dy} to
     * {@code grads}, computing no input gradient: the weight gradient of a transposed convolution.
     * Reads the columns kept by the last training forward when {@code x} was its input. Only for a
     * layer built without {@link DirectConv}.
     */
    void addWeightGradient(Tensor x, Tensor gradOutput, float[] params, int offset, float[] grads) {
        requireBlocks();
        BatchShape.require(TYPE, "input", x, inputShape);
        BatchShape.requireBackward(TYPE, gradOutput, outputShape, x.batch());
        if (x != input) {
            input = x;
            columnsCached = false;
        }
        backwardBlocks(gradOutput.data(), x.batch(), params, offset, grads, false);
    }

    private void requireBlocks() {
        if (direct != null || lanes != null || winograd != null) {
            throw new IllegalStateException(
                    "a conv on DirectConv, LaneConv or WinogradConv computes its gradients together");
        }
    }

    /**
     * Backward by im2col and GEMMs, block by block: with {@code grads}, {@code dW += dOut col^T} (and
     * the bias gradient) from {@link #input}'s columns; with {@code inputGradient}, the input
     * gradient {@code col2im(W^T dOut)}, returned (else null).
     */
    private Tensor backwardBlocks(float[] dy, int batch, float[] params, int offset, float[] grads,
                                  boolean inputGradient) {
        int inSize = inputShape.size();
        int outSize = outputShape.size();
        float[] dx = inputGradient ? gradInput.zeroed(batch * inSize) : null;
        readWeights(params, offset);
        // dW^T group by group ([patch x Cout/g] each), then the bias gradient as one more row.
        int gradientRows = fusedBias ? patch + 1 : patch;
        float[] dwt = grads == null ? null : transposedGradient.zeroed(weightCount + (spec.bias() ? outChannels : 0));
        // Without a cache this buffer holds a block's columns, then (after dW used them) its column gradient.
        float[] scratch = blockColumns.get(colRows * im2col.columns(0, blocks.maxRuns()));
        for (int b = 0; b < blocks.count(batch); b++) {
            int first = blocks.first(b);
            int size = blocks.samples(b, batch);
            int runBegin = blocks.runBegin(b);
            int runEnd = blocks.runEnd(b);
            int width = width(b, batch);
            float[] up = dy;
            int upOffset = first * outSize;
            if (!inOutputLayout(size)) {
                up = blockOutput.get(outChannels * width);
                upOffset = 0;
                for (int j = 0; j < size; j++) {
                    im2col.fromPlanes(dy, (first + j) * outSize, outChannels, up, j * columns, width, runBegin, runEnd);
                }
            }
            if (dwt != null) {
                float[] col = columnsCached ? cachedColumns.get(0) : scratch;
                int colOffset = columnsCached ? cacheOffset(b) : 0;
                if (!columnsCached) {
                    fillColumns(input.data(), b, batch, col, colOffset);
                }
                for (int g = 0; g < groups; g++) {
                    gemm.sgemm(false, true, gradientRows, outPerGroup, width,
                            1f, col, colOffset + g * patch * width, width,
                            up, upOffset + g * outPerGroup * width, width,
                            1f, dwt, g * patch * outPerGroup, outPerGroup);
                }
                if (spec.bias() && !fusedBias) {
                    gemm.sgemm(false, true, 1, outChannels, width,
                            1f, col, colOffset + im2col.rows() * width, width,
                            up, upOffset, width,
                            1f, dwt, weightCount, outChannels);
                }
            }
            if (inputGradient) {
                for (int g = 0; g < groups; g++) {
                    gemm.sgemm(true, false, patch, width, outPerGroup,
                            1f, weights, weightsOffset + g * outPerGroup * weightStride, weightStride,
                            up, upOffset + g * outPerGroup * width, width,
                            0f, scratch, g * patch * width, width);
                }
                for (int j = 0; j < size; j++) {
                    im2col.col2im(scratch, j * columns, width, dx, (first + j) * inSize, runBegin, runEnd);
                }
            }
        }
        if (dwt != null) {
            addGradients(dwt, grads, offset);
        }
        return dx == null ? null : new Tensor(dx, inputShape.prepend(batch));
    }

    @Override
    public String toString() {
        return TYPE + " " + inputShape + " -> " + outputShape + " " + spec.geometry()
                + (spec.bias() ? "" : " no_bias") + (spec.trueConvolution() ? " true_convolution" : "");
    }

    /** Columns of {@code block}: its samples side by side, each with the columns of the block's output rows. */
    private int width(int block, int batch) {
        return blocks.samples(block, batch) * im2col.columns(blocks.runBegin(block), blocks.runEnd(block));
    }

    /** Where {@code block}'s columns start in the cache, which holds the blocks in order, {@code colRows x width} each. */
    private int cacheOffset(int block) {
        return colRows * (blocks.first(block) * columns + im2col.columns(0, blocks.runBegin(block)));
    }

    /** im2col of {@code block}'s samples side by side, and the row of ones under them when there is a bias. */
    private void fillColumns(float[] x, int block, int batch, float[] col, int colOffset) {
        int first = blocks.first(block);
        int width = width(block, batch);
        for (int j = 0; j < blocks.samples(block, batch); j++) {
            im2col.im2col(x, (first + j) * inputShape.size(), col, colOffset + j * columns, width,
                    blocks.runBegin(block), blocks.runEnd(block));
        }
        if (spec.bias()) {
            int ones = colOffset + im2col.rows() * width;
            Arrays.fill(col, ones, ones + width, 1f);
        }
    }

    /**
     * Whether a block of {@code samples} samples is already in the output layout (one sample, no
     * slack, not a tile), so the GEMM reads and writes it in place. A tile is copied too: netlib
     * checks an operand's rows as if each had its full stride, which the last tile of the last
     * sample would not.
     */
    private boolean inOutputLayout(int samples) {
        return samples == 1 && !im2col.hasSlack() && !blocks.tiled();
    }

    /**
     * Where weight {@code j} of a row (input channel-major, then kernel taps) sits in the flipped
     * kernel of true convolution: the kernel's flat tap order reversed within its channel.
     */
    static int flippedTap(int j, int kernelVolume) {
        int t = j % kernelVolume;
        return j - t + kernelVolume - 1 - t;
    }

    /**
     * Adds {@code dwt} (per group {@code patch x Cout/g}, transposed and for true convolution
     * flipped) and the bias row after it to {@code grads}.
     */
    private void addGradients(float[] dwt, float[] grads, int offset) {
        boolean flip = spec.trueConvolution();
        for (int g = 0; g < groups; g++) {
            for (int o = 0; o < outPerGroup; o++) {
                int kernels = offset + (g * outPerGroup + o) * patch;
                for (int r = 0; r < patch; r++) {
                    int target = flip ? flippedTap(r, kernelVolume) : r;
                    grads[kernels + target] += dwt[(g * patch + r) * outPerGroup + o];
                }
            }
        }
        if (spec.bias()) {
            for (int o = 0; o < outChannels; o++) {
                grads[offset + weightCount + o] += dwt[weightCount + o];
            }
        }
    }

    /**
     * Points {@link #weights} at what the GEMMs read: the parameters themselves, or a copy with the
     * kernels flipped (true convolution) and/or the biases as one more column (fused bias).
     */
    private void readWeights(float[] params, int offset) {
        if (!spec.trueConvolution() && !fusedBias) {
            weights = params;
            weightsOffset = offset;
            return;
        }
        weights = gemmWeights.get(outChannels * weightStride);
        weightsOffset = 0;
        boolean flip = spec.trueConvolution();
        for (int o = 0; o < outChannels; o++) {
            int from = offset + o * patch;
            int to = o * weightStride;
            for (int k = 0; k < patch; k += kernelVolume) {
                for (int t = 0; t < kernelVolume; t++) {
                    weights[to + k + t] = params[from + k + (flip ? flippedTap(t, kernelVolume) : t)];
                }
            }
            if (fusedBias) {
                weights[to + patch] = params[offset + weightCount + o];
            }
        }
    }
}
