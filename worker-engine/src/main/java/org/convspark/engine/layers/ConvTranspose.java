package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Transposed convolution on the engine's own convolution kernels: its forward is the input
 * gradient of the {@linkplain ConvTransposeSpec#adjoint adjoint convolution} ({@code col2im(W^T
 * x)}), its input gradient that convolution's forward, its weight gradient that convolution's
 * weight gradient with the roles of input and output gradient swapped. The weights are the
 * adjoint convolution's, in the same layout; the bias (one per output channel, which is the
 * adjoint's input channel) is added here.
 *
 * <p>With an {@code output_padding} of at least the stride (allowed below the dilation) the
 * adjoint convolution maps this layer's output to more positions than this layer's input has:
 * the input is then placed in the low corner of a zero tensor of that size, and the input
 * gradient cropped back, as PyTorch's result is the adjoint's restricted to those positions.
 */
public final class ConvTranspose implements Layer {
    private static final String TYPE = "convtranspose";

    private final ConvTransposeSpec spec;
    private final Shape inputShape;
    private final Shape outputShape;
    /** From this layer's output shape to {@link #adjointOutput}; built without DirectConv, which fuses its gradients. */
    private final Conv adjoint;
    /** The adjoint's per-sample output: {@link #inputShape}, or larger (see the class comment). */
    private final Shape adjointOutput;
    private final int weightCount;
    private final int fanIn;
    private final Buffer paddedInput = new Buffer();
    private final Buffer croppedGradient = new Buffer();
    private final Buffer biasGradient = new Buffer();
    private boolean needsInputGradient = true;
    /** The last forward's input in the adjoint's output shape (what its weight gradient reads). */
    private Tensor adjointGradient;

    public ConvTranspose(ConvTransposeSpec spec, Shape inputShape) {
        this(spec, inputShape, Gemm.defaultGemm());
    }

    ConvTranspose(ConvTransposeSpec spec, Shape inputShape, Gemm gemm) {
        this.spec = spec;
        this.inputShape = inputShape;
        this.outputShape = spec.outputShape(inputShape);
        this.adjoint = new Conv(spec.adjoint(inputShape), outputShape, gemm, Conv.BLOCK_FLOATS, Conv.TILE_FLOATS,
                Conv.CACHE_FLOATS, false);
        this.adjointOutput = adjoint.outputShape();
        this.weightCount = inputShape.dim(0) * (spec.outChannels() / spec.geometry().groups())
                * spec.geometry().kernelVolume();
        // PyTorch computes fan_in from the weight's dimension 1 and the kernel: C_out/groups x kernel.
        this.fanIn = spec.outChannels() / spec.geometry().groups() * spec.geometry().kernelVolume();
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

    @Override
    public void initialize(float[] params, int offset, Random rng) {
        FanInUniform.fill(params, offset, parameterCount(), fanIn, rng);
    }

    @Override
    public void setNeedsInputGradient(boolean needed) {
        this.needsInputGradient = needed;
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require(TYPE, "input", input, inputShape);
        int batch = input.batch();
        Tensor x = input;
        if (!adjointOutput.equals(inputShape)) {
            float[] padded = paddedInput.zeroed(batch * adjointOutput.size());
            Corner.copy(input.data(), inputShape, padded, adjointOutput, batch, true);
            x = new Tensor(padded, adjointOutput.prepend(batch));
        }
        adjointGradient = x;
        Tensor y = adjoint.inputGradient(x, params, offset);
        if (spec.bias()) {
            float[] out = y.data();
            int channels = spec.outChannels();
            int plane = outputShape.size() / channels;
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    float b = params[offset + weightCount + c];
                    int from = (n * channels + c) * plane;
                    for (int i = from; i < from + plane; i++) {
                        out[i] += b;
                    }
                }
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.requireBackward(TYPE, gradOutput, outputShape, adjointGradient == null ? -1
                : adjointGradient.batch());
        int batch = gradOutput.batch();
        Tensor dx = null;
        if (needsInputGradient) {
            dx = adjoint.forward(gradOutput, params, offset, true);
            if (!adjointOutput.equals(inputShape)) {
                float[] cropped = croppedGradient.get(batch * inputShape.size());
                Corner.copy(dx.data(), adjointOutput, cropped, inputShape, batch, false);
                dx = new Tensor(cropped, inputShape.prepend(batch));
            }
        }
        adjoint.addWeightGradient(gradOutput, adjointGradient, params, offset, grads);
        if (spec.bias()) {
            addBiasGradient(gradOutput, grads, offset + weightCount);
        }
        return dx;
    }

    /** Sums the output gradient per channel in double, then adds it once, as the conv's bias gradient rounds once. */
    private void addBiasGradient(Tensor gradOutput, float[] grads, int at) {
        int channels = spec.outChannels();
        int plane = outputShape.size() / channels;
        float[] dy = gradOutput.data();
        float[] sums = biasGradient.zeroed(channels);
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int n = 0; n < gradOutput.batch(); n++) {
                int from = (n * channels + c) * plane;
                for (int i = from; i < from + plane; i++) {
                    sum += dy[i];
                }
            }
            sums[c] = (float) sum;
        }
        for (int c = 0; c < channels; c++) {
            grads[at + c] += sums[c];
        }
    }

    /**
     * What this layer runs, for benchmark tables: its adjoint convolution's path ({@link
     * Conv#algorithm()}), forward as that convolution's input gradient (GEMM, col2im).
     */
    public String algorithm() {
        return "adjoint of " + adjoint.algorithm();
    }

    @Override
    public String toString() {
        return TYPE + " " + inputShape + " -> " + outputShape + " " + spec.geometry()
                + (spec.bias() ? "" : " no_bias");
    }

    /** Copies between a tensor and the low corner of a larger one of the same rank, sample by sample. */
    static final class Corner {
        private Corner() {
        }

        /**
         * {@code toLarge}: {@code small} (shape {@code smallShape}) into the corner of {@code large};
         * else the corner of {@code large} out into {@code small}.
         */
        static void copy(float[] from, Shape fromShape, float[] to, Shape toShape, int batch, boolean toLarge) {
            Shape small = toLarge ? fromShape : toShape;
            Shape large = toLarge ? toShape : fromShape;
            int rank = small.rank();
            int rowLength = small.dim(rank - 1);
            int rows = small.size() / rowLength;
            int[] index = new int[rank - 1];
            for (int n = 0; n < batch; n++) {
                java.util.Arrays.fill(index, 0);
                for (int r = 0; r < rows; r++) {
                    int smallAt = n * small.size() + r * rowLength;
                    int largeAt = 0;
                    for (int d = 0; d < rank - 1; d++) {
                        largeAt = largeAt * large.dim(d) + index[d];
                    }
                    largeAt = n * large.size() + largeAt * large.dim(rank - 1);
                    if (toLarge) {
                        System.arraycopy(from, smallAt, to, largeAt, rowLength);
                    } else {
                        System.arraycopy(from, largeAt, to, smallAt, rowLength);
                    }
                    for (int d = rank - 2; d >= 0 && ++index[d] == small.dim(d); d--) {
                        index[d] = 0;
                    }
                }
            }
        }
    }
}
