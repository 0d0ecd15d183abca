package org.convspark.engine.layers;

import java.util.Arrays;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;

/**
 * {@link Conv}'s path for 3x3 stride-1 2-D layers of at least 64 channels (ResNet's last stage,
 * VGG's layers): all three passes by {@link Winograd} F(2x2, 3x3), 16 multiply-adds per 2x2
 * outputs where the direct convolution takes 36. The forward is one correlation; the input
 * gradient is another, of the upstream gradient padded by {@code 2 - pad} with the kernels
 * rotated by 180 degrees and their channels swapped; the weight gradient comes from the forward's
 * transformed input. Padding up to 2 on each side (a "full" 3x3 correlation at most), so that
 * the input gradient's padding is not negative.
 */
final class WinogradConv {
    /** The fewest input and output channels {@link #serves} takes. */
    static final int MIN_CHANNELS = 64;
    private static final boolean ENABLED = !"false".equals(System.getProperty("convspark.conv.winograd"));

    private final int inChannels;
    private final int outChannels;
    private final boolean bias;
    private final boolean flip;
    private final int outHeight;
    private final int outWidth;
    private final Winograd forward;
    private final Winograd backward;
    /** The kernels this layer correlates with, {@code [Cout][Cin][3][3]} (flipped for true convolution). */
    private final float[] kernels;
    /** Those kernels rotated by 180 degrees, {@code [Cin][Cout][3][3]}: the input gradient's. */
    private final float[] rotated;
    private final float[] biases;
    private final float[] kernelGradient;
    private final float[] biasGradient;
    /** The upstream gradient, channels-last in frames of whole tiles (zero past the output: only it is written). */
    private final Buffer gradientTile = new Buffer();

    /** Whether {@code -Dconvspark.conv.winograd=false} was not given (and the Vector API is present). */
    static boolean available() {
        return ENABLED && LaneConv.available();
    }

    /**
     * Whether this path serves {@code spec} on {@code input}: where it measured faster than the
     * direct lanes and im2col + GEMM, at least {@value #MIN_CHANNELS} channels on either side and
     * output planes of whole 2x2 tiles. Forward+backward GFLOP/s, one thread, batch 128, alone
     * (Winograd against direct lanes): 64->64 at 8x8 183 / 158; at 7x7 (16 tiles computed for
     * 12.25) 115 / 141; 32->32 at 14x14 82 / 114 and at 16x16 a tie (K = 32: the transforms
     * outweigh the products they save). In ResNet-20's training step on 1x28x28 images (7x7 and
     * 14x14 layers) Winograd on every such layer made the step 10% slower. At 128 channels
     * (16x16, batch 32) against OpenBLAS's AVX-512 GEMMs: 42.1 / 48.2 ms.
     */
    static boolean serves(ConvSpec spec, Shape input) {
        Shape out = spec.outputShape(input);
        return fits(spec, input) && input.dim(0) >= MIN_CHANNELS && spec.outChannels() >= MIN_CHANNELS
                && out.dim(1) % 2 == 0 && out.dim(2) % 2 == 0;
    }

    /**
     * Whether this path can run {@code spec} on {@code input}: the layers {@link LaneConv} fits
     * with channels in whole blocks of {@link LaneKernels#CHANNEL_BLOCK} (its tiles', not its
     * row tiles' single vectors), 3x3 kernels, stride and dilation 1 and padding at most 2.
     */
    static boolean fits(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        if (!LaneConv.fits(spec, input) || input.dim(0) % LaneKernels.CHANNEL_BLOCK != 0
                || spec.outChannels() % LaneKernels.CHANNEL_BLOCK != 0) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            if (g.kernel(i) != 3 || g.stride(i) != 1 || g.dilation(i) != 1 || g.padBefore(i) > 2
                    || g.padAfter(i) > 2) {
                return false;
            }
        }
        return true;
    }

    WinogradConv(ConvSpec spec, Shape input) {
        ConvGeometry g = spec.geometry();
        Shape out = spec.outputShape(input);
        this.inChannels = input.dim(0);
        this.outChannels = spec.outChannels();
        this.bias = spec.bias();
        this.flip = spec.trueConvolution();
        int height = input.dim(1);
        int width = input.dim(2);
        this.outHeight = out.dim(1);
        this.outWidth = out.dim(2);
        this.forward = new Winograd(inChannels, outChannels, height, width, g.padBefore(0), g.padBefore(1), outHeight,
                outWidth);
        this.backward = new Winograd(outChannels, inChannels, outHeight, outWidth, 2 - g.padBefore(0),
                2 - g.padBefore(1), height, width);
        this.kernels = new float[outChannels * inChannels * 9];
        this.rotated = new float[kernels.length];
        this.biases = new float[outChannels];
        this.kernelGradient = new float[kernels.length];
        this.biasGradient = new float[outChannels];
    }

    /** {@code batch} samples of {@code x} (planes) into {@code y} (planes). */
    void forward(float[] x, int batch, float[] params, int offset, float[] y) {
        for (int k = 0; k < kernels.length; k++) {
            kernels[k] = params[offset + source(k)];
        }
        forward.setKernels(kernels);
        if (bias) {
            System.arraycopy(params, offset + kernels.length, biases, 0, outChannels);
        }
        forward.run(x, batch, bias ? biases : null, y);
    }

    /**
     * Backward for the batch of the last {@link #forward}: adds the parameter gradients into
     * {@code grads[offset...]} and, unless {@code dx} is null, writes the input gradient there.
     */
    void backward(float[] dy, int batch, float[] params, int offset, float[] grads, float[] dx) {
        int rows = forward.gradientRows();
        int cols = forward.gradientCols();
        int positions = batch * rows * cols;
        float[] frames = gradientTile.get(positions * outChannels);
        // Frames of whole tiles: the positions past the output stay zero, and add nothing below.
        ChannelsLast.fromPlanes(dy, 0, batch, outChannels, outHeight, outWidth, frames, rows, cols, 0, 0);
        if (bias) {
            ChannelsLast.addChannelSums(frames, positions, outChannels, biasGradient, grads, offset + kernels.length);
        }
        Arrays.fill(kernelGradient, 0f);
        forward.kernelGradient(frames, batch, kernelGradient);
        for (int k = 0; k < kernels.length; k++) {
            grads[offset + source(k)] += kernelGradient[k];
        }
        if (dx != null) {
            for (int o = 0; o < outChannels; o++) {
                for (int c = 0; c < inChannels; c++) {
                    int from = (o * inChannels + c) * 9;
                    int to = (c * outChannels + o) * 9;
                    for (int t = 0; t < 9; t++) {
                        rotated[to + t] = kernels[from + 8 - t];
                    }
                }
            }
            backward.setKernels(rotated);
            backward.run(dy, batch, null, dx);
        }
    }

    /** Where kernel value {@code k} sits in the parameters: there, or for true convolution with its kernel reversed. */
    private int source(int k) {
        return flip ? Conv.flippedTap(k, 9) : k;
    }
}
