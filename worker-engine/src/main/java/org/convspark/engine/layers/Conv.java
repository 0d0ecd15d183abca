package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.im2col.Im2Col;
import org.convspark.engine.model.ConvSpec;
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
 * <p>Per sample the column matrix is rebuilt in backward rather than kept from forward, so the
 * workspace is one column matrix, not one per sample.
 */
public final class Conv implements Layer {
    private static final String TYPE = "conv";

    private final ConvSpec spec;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Gemm gemm;
    private final Im2Col im2col;
    private final int groups;
    private final int outPerGroup;
    private final int patch;
    private final int kernelVolume;
    private final int columns;
    private final int weightCount;

    private final Buffer col = new Buffer();
    private final Buffer output = new Buffer();
    private final Buffer gradInput = new Buffer();
    private final Buffer flippedWeights = new Buffer();
    private final Buffer flippedGradient = new Buffer();
    private Tensor input;
    /** What the GEMMs read as weights in the current call: the parameters, or their flipped copy. */
    private float[] weights;
    private int weightsOffset;

    public Conv(ConvSpec spec, Shape inputShape) {
        this(spec, inputShape, Gemm.defaultGemm());
    }

    /** Validates the spec against {@code inputShape}; errors name the field and its value. */
    public Conv(ConvSpec spec, Shape inputShape, Gemm gemm) {
        this.spec = spec;
        this.inputShape = inputShape;
        this.outputShape = spec.outputShape(inputShape);
        this.gemm = gemm;
        ConvGeometry g = spec.geometry();
        int inChannels = inputShape.dim(0);
        this.groups = g.groups();
        this.outPerGroup = spec.outChannels() / groups;
        this.kernelVolume = g.kernelVolume();
        this.patch = inChannels / groups * kernelVolume;
        this.im2col = new Im2Col(g, inChannels, inputShape.last(g.dims()));
        this.columns = im2col.columns();
        this.weightCount = spec.outChannels() * patch;
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
        return weightCount + (spec.bias() ? spec.outChannels() : 0);
    }

    /** PyTorch's default: weights and biases uniform in +-1/sqrt(fan_in), fan_in = Cin/g * kernelVolume. */
    @Override
    public void initialize(float[] params, int offset, Random rng) {
        FanInUniform.fill(params, offset, parameterCount(), patch, rng);
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require(TYPE, "input", input, inputShape);
        this.input = input;
        int batch = input.batch();
        int inSize = inputShape.size();
        int outSize = outputShape.size();
        float[] x = input.data();
        float[] y = output.get(batch * outSize);
        float[] c = col.get(im2col.rows() * columns);
        readWeights(params, offset);
        for (int n = 0; n < batch; n++) {
            im2col.im2col(x, n * inSize, c, 0);
            int yn = n * outSize;
            float beta = 0f;
            if (spec.bias()) {
                for (int o = 0; o < spec.outChannels(); o++) {
                    java.util.Arrays.fill(y, yn + o * columns, yn + (o + 1) * columns, params[offset + weightCount + o]);
                }
                beta = 1f;
            }
            for (int g = 0; g < groups; g++) {
                gemm.sgemm(false, false, outPerGroup, columns, patch,
                        1f, weights, weightsOffset + g * outPerGroup * patch, patch,
                        c, g * patch * columns, columns,
                        beta, y, yn + g * outPerGroup * columns, columns);
            }
        }
        return new Tensor(y, outputShape.prepend(batch));
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.requireBackward(TYPE, gradOutput, outputShape, input == null ? -1 : input.batch());
        int batch = input.batch();
        int inSize = inputShape.size();
        int outSize = outputShape.size();
        float[] x = input.data();
        float[] dy = gradOutput.data();
        float[] dx = gradInput.zeroed(batch * inSize);
        // One buffer holds the column matrix, then (after dW used it) the column gradient.
        float[] c = col.get(im2col.rows() * columns);
        readWeights(params, offset);
        float[] dw = grads;
        int dwOffset = offset;
        if (spec.trueConvolution()) {
            // Accumulated for the flipped kernel, then flipped back onto grads at the end.
            dw = flippedGradient.zeroed(weightCount);
            dwOffset = 0;
        }
        for (int n = 0; n < batch; n++) {
            int dyn = n * outSize;
            im2col.im2col(x, n * inSize, c, 0);
            for (int g = 0; g < groups; g++) {
                gemm.sgemm(false, true, outPerGroup, patch, columns,
                        1f, dy, dyn + g * outPerGroup * columns, columns,
                        c, g * patch * columns, columns,
                        1f, dw, dwOffset + g * outPerGroup * patch, patch);
                gemm.sgemm(true, false, patch, columns, outPerGroup,
                        1f, weights, weightsOffset + g * outPerGroup * patch, patch,
                        dy, dyn + g * outPerGroup * columns, columns,
                        0f, c, g * patch * columns, columns);
            }
            im2col.col2im(c, 0, dx, n * inSize);
            if (spec.bias()) {
                addBiasGradient(dy, dyn, grads, offset + weightCount);
            }
        }
        if (spec.trueConvolution()) {
            flipKernels(dw, 0, grads, offset, true);
        }
        return new Tensor(dx, inputShape.prepend(batch));
    }

    @Override
    public String toString() {
        return TYPE + " " + inputShape + " -> " + outputShape + " " + spec.geometry()
                + (spec.bias() ? "" : " no_bias") + (spec.trueConvolution() ? " true_convolution" : "");
    }

    private void addBiasGradient(float[] dy, int dyOffset, float[] grads, int biasOffset) {
        for (int o = 0; o < spec.outChannels(); o++) {
            double sum = 0;
            int start = dyOffset + o * columns;
            for (int i = start; i < start + columns; i++) {
                sum += dy[i];
            }
            grads[biasOffset + o] += (float) sum;
        }
    }

    private void readWeights(float[] params, int offset) {
        if (spec.trueConvolution()) {
            weights = flippedWeights.get(weightCount);
            weightsOffset = 0;
            flipKernels(params, offset, weights, 0, false);
        } else {
            weights = params;
            weightsOffset = offset;
        }
    }

    /** Reverses every kernel (the flat taps of each {@code (cout, cin)} pair); adds instead of writing when asked. */
    private void flipKernels(float[] from, int fromOffset, float[] to, int toOffset, boolean add) {
        for (int k = 0; k < weightCount; k += kernelVolume) {
            int last = fromOffset + k + kernelVolume - 1;
            for (int t = 0; t < kernelVolume; t++) {
                float v = from[last - t];
                to[toOffset + k + t] = add ? to[toOffset + k + t] + v : v;
            }
        }
    }
}
