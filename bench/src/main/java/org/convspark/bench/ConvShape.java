package org.convspark.bench;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.model.ConvSpec;
import org.convspark.engine.tensor.Shape;

/** A benchmarked convolution layer: batch, per-sample input, output channels, kernel and padding. */
public enum ConvShape {
    /** LeNet-5 conv1: 64x1x28x28 -> 6 channels, 5x5, pad 2. */
    LENET_CONV1(64, Shape.of(1, 28, 28), 6, 5, 2),
    /** LeNet-5 conv2: 64x6x14x14 -> 16 channels, 5x5. */
    LENET_CONV2(64, Shape.of(6, 14, 14), 16, 5, 0),
    /** A VGG/CIFAR-style layer: 32x64x32x32 -> 64 channels, 3x3, pad 1. */
    WIDE_3X3(32, Shape.of(64, 32, 32), 64, 3, 1);

    final int batch;
    final Shape input;
    final ConvSpec spec;

    ConvShape(int batch, Shape input, int outChannels, int kernel, int padding) {
        this.batch = batch;
        this.input = input;
        this.spec = new ConvSpec(outChannels, ConvGeometry.builder(kernel, kernel).padding(padding).build(), true);
    }

    /** Forward FLOPs: 2 * N * Cout * outVolume * Cin/g * kernelVolume (multiply and add). */
    public double forwardFlops() {
        Shape out = spec.outputShape(input);
        double outVolume = out.size() / (double) out.dim(0);
        ConvGeometry g = spec.geometry();
        return 2.0 * batch * spec.outChannels() * outVolume * (input.dim(0) / g.groups()) * g.kernelVolume();
    }

    /** Backward (weight and input gradients) counted as twice the forward. */
    public double forwardBackwardFlops() {
        return 3 * forwardFlops();
    }
}
