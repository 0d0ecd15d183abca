package org.convspark.engine.spec;

import java.util.Arrays;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.tensor.Shape;

/**
 * Transposed convolution (PyTorch's {@code ConvTransposeNd}): the adjoint of the convolution
 * with the same kernel, stride, padding, dilation and groups, mapping that convolution's output
 * shape back to its input shape. Output size per dimension {@code (i - 1) s - 2p + d (k - 1) +
 * output_padding + 1}; {@code output_padding} (less than the stride or the dilation) picks one
 * of the input sizes a strided convolution maps to the same output size. Weights are laid out
 * {@code C_in, C_out/groups, kernel...} (the adjoint convolution's own layout), then {@code
 * C_out} biases when {@code bias} is set. Zero padding only, as in PyTorch.
 */
public record ConvTransposeSpec(int outChannels, ConvGeometry geometry, int[] outputPadding, boolean bias)
        implements LayerSpec {

    public ConvTransposeSpec {
        if (outChannels < 1) {
            throw new IllegalArgumentException("out_channels must be >= 1, got " + outChannels);
        }
        if (outChannels % geometry.groups() != 0) {
            throw new IllegalArgumentException("groups " + geometry.groups() + " does not divide out_channels "
                    + outChannels);
        }
        if (geometry.paddingMode() != PaddingMode.ZEROS) {
            throw new IllegalArgumentException("padding_mode " + geometry.paddingMode().specName()
                    + ": a transposed convolution pads with zeros only");
        }
        if (outputPadding.length != geometry.dims()) {
            throw new IllegalArgumentException("output_padding needs " + geometry.dims() + " values, got "
                    + Arrays.toString(outputPadding));
        }
        if (!Arrays.equals(geometry.padBefore(), geometry.padAfter())) {
            throw new IllegalArgumentException("padding must be the same on both sides, got "
                    + Arrays.toString(geometry.padBefore()) + " before and " + Arrays.toString(geometry.padAfter())
                    + " after");
        }
        outputPadding = outputPadding.clone();
        for (int i = 0; i < geometry.dims(); i++) {
            int op = outputPadding[i];
            if (op < 0 || (op >= geometry.stride(i) && op >= geometry.dilation(i))) {
                throw new IllegalArgumentException("output_padding " + Arrays.toString(outputPadding)
                        + " must be >= 0 and smaller than the stride " + Arrays.toString(geometry.stride())
                        + " or the dilation " + Arrays.toString(geometry.dilation()) + " in each dimension");
            }
        }
    }

    @Override
    public int[] outputPadding() {
        return outputPadding.clone();
    }

    @Override
    public String type() {
        return "convtranspose";
    }

    @Override
    public Shape outputShape(Shape input) {
        inChannels(input);
        int dims = geometry.dims();
        int[] out = new int[dims + 1];
        out[0] = outChannels;
        for (int i = 0; i < dims; i++) {
            long size = (long) (input.dim(i + 1) - 1) * geometry.stride(i) - geometry.padBefore(i)
                    - geometry.padAfter(i) + (long) geometry.dilation(i) * (geometry.kernel(i) - 1)
                    + outputPadding[i] + 1;
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("input " + input + " gives output size " + size + " in dimension "
                        + i + " (padding " + Arrays.toString(geometry.padBefore()) + " removes more than the "
                        + "transposed convolution spans)");
            }
            out[i + 1] = (int) size;
        }
        return Shape.of(out);
    }

    @Override
    public long parameterCount(Shape input) {
        return (long) inChannels(input) * (outChannels / geometry.groups()) * geometry.kernelVolume()
                + (bias ? outChannels : 0);
    }

    /**
     * The convolution this layer is the adjoint of: from this layer's output shape to its input's
     * (out_channels = this layer's input channels), same window, no bias.
     */
    public ConvSpec adjoint(Shape input) {
        return new ConvSpec(inChannels(input), geometry, false);
    }

    private int inChannels(Shape input) {
        return SpatialInput.groupedChannels(input, geometry, type());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvTransposeSpec s && s.outChannels == outChannels && s.geometry.equals(geometry)
                && Arrays.equals(s.outputPadding, outputPadding) && s.bias == bias;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * geometry.hashCode() + Arrays.hashCode(outputPadding)) + outChannels + (bias ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ConvTransposeSpec[outChannels=" + outChannels + ", geometry=" + geometry + ", outputPadding="
                + Arrays.toString(outputPadding) + ", bias=" + bias + "]";
    }
}
