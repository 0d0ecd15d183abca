package org.convspark.engine.spec;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.tensor.Shape;

/**
 * Convolution (cross-correlation, as every deep-learning library computes it; {@code
 * trueConvolution} flips the kernel). Weights are laid out {@code C_out, C_in/groups, kernel...}
 * followed by {@code C_out} biases when {@code bias} is set.
 */
public record ConvSpec(int outChannels, ConvGeometry geometry, boolean bias, boolean trueConvolution)
        implements WindowedSpec {

    public ConvSpec {
        if (outChannels < 1) {
            throw new IllegalArgumentException("out_channels must be >= 1, got " + outChannels);
        }
        if (outChannels % geometry.groups() != 0) {
            throw new IllegalArgumentException("groups " + geometry.groups() + " does not divide out_channels "
                    + outChannels);
        }
    }

    public ConvSpec(int outChannels, ConvGeometry geometry, boolean bias) {
        this(outChannels, geometry, bias, false);
    }

    @Override
    public String type() {
        return "conv";
    }

    @Override
    public Shape outputShape(Shape input) {
        SpatialInput.groupedChannels(input, geometry, "conv");
        return geometry.outputSpatialShape(outChannels, input);
    }

    @Override
    public long parameterCount(Shape input) {
        int inChannels = SpatialInput.channels(input, geometry, "conv");
        return (long) outChannels * (inChannels / geometry.groups()) * geometry.kernelVolume()
                + (bias ? outChannels : 0);
    }
}
