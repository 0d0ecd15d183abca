package org.convspark.bench;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;

/**
 * The convolution layers of the engine benchmark, each with PyTorch's forward+backward GFLOP/s
 * on this machine kind (CPU, oneDNN, 1 thread; the reference figures the engine is compared
 * with). The reference does not say which layer its strided, dilated and grouped figures come
 * from; here they are the 64-channel 3x3 layer with one change each (stride 2 / dilation 2 with
 * pad 2 / 8 groups), so their ratios are indicative only.
 */
public enum ConvShape {
    /** LeNet-5 conv1: 64x1x28x28 -> 6 channels, 5x5, pad 2. */
    LENET_CONV1("LeNet conv1 64x1x28x28->6 k5 p2", 64, Shape.of(1, 28, 28), 6,
            ConvGeometry.builder(5, 5).padding(2).build(), 4.2),
    /** LeNet-5 conv2: 64x6x14x14 -> 16 channels, 5x5. */
    LENET_CONV2("LeNet conv2 64x6x14x14->16 k5", 64, Shape.of(6, 14, 14), 16,
            ConvGeometry.builder(5, 5).build(), 48.5),
    /** A CIFAR first layer: 64x3x32x32 -> 32 channels, 3x3, pad 1. */
    RGB_3X3("64x3x32x32->32 k3 p1", 64, Shape.of(3, 32, 32), 32,
            ConvGeometry.builder(3, 3).padding(1).build(), 13.8),
    /** A VGG/CIFAR-style layer: 32x64x32x32 -> 64 channels, 3x3, pad 1. */
    WIDE_3X3("32x64x32x32->64 k3 p1", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(1).build(), 76.4),
    /** A deeper VGG-style layer: 32x128x16x16 -> 128 channels, 3x3, pad 1. */
    DEEP_3X3("32x128x16x16->128 k3 p1", 32, Shape.of(128, 16, 16), 128,
            ConvGeometry.builder(3, 3).padding(1).build(), 109.3),
    /** {@link #WIDE_3X3} with stride 2 (output 16x16). */
    STRIDED("32x64x32x32->64 k3 p1 s2", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(1).stride(2, 2).build(), 64.4),
    /** {@link #WIDE_3X3} with dilation 2 and pad 2 (output 32x32). */
    DILATED("32x64x32x32->64 k3 p2 d2", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(2).dilation(2, 2).build(), 92.4),
    /** {@link #WIDE_3X3} in 8 groups of 8 channels. */
    GROUPED("32x64x32x32->64 k3 p1 g8", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(1).groups(8).build(), 23.3);

    final String label;
    final int batch;
    final Shape input;
    final ConvSpec spec;
    /** PyTorch's forward+backward GFLOP/s (the reference figure, CPU, oneDNN, 1 thread). */
    final double pytorchForwardBackward;

    ConvShape(String label, int batch, Shape input, int outChannels, ConvGeometry geometry, double pytorch) {
        this.label = label;
        this.batch = batch;
        this.input = input;
        this.spec = new ConvSpec(outChannels, geometry, true);
        this.pytorchForwardBackward = pytorch;
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
