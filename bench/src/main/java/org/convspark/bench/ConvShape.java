package org.convspark.bench;

import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.layers.Conv;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;

/**
 * The convolution layers of the engine benchmark: issue 6's layers (LeNet-5's two, a 3-channel
 * and two VGG-style 3x3 layers, and the 64-channel layer with stride 2, dilation 2 or 8 groups)
 * and every convolution of ResNet-20 at CIFAR size, batch 128, without bias as ResNets have them
 * (the 3x3 layers of its three stages, also at 1x28x28 input, the two stride-2 3x3 layers that
 * open stages 2 and 3, and their 1x1 stride-2 projection shortcuts; its first layer, 3 -> 16
 * channels, is {@link #RGB_3X3}'s kind). PyTorch's figures come from the same run ({@code
 * bench/pytorch/engine_shapes.py}, fed by {@link #pytorchLine}), so that the ratios do not
 * depend on another machine's or day's load.
 */
public enum ConvShape {
    /** LeNet-5 conv1: 64x1x28x28 -> 6 channels, 5x5, pad 2. */
    LENET_CONV1("LeNet conv1 64x1x28x28->6 k5 p2", 64, Shape.of(1, 28, 28), 6,
            ConvGeometry.builder(5, 5).padding(2).build(), true),
    /** LeNet-5 conv2: 64x6x14x14 -> 16 channels, 5x5. */
    LENET_CONV2("LeNet conv2 64x6x14x14->16 k5", 64, Shape.of(6, 14, 14), 16,
            ConvGeometry.builder(5, 5).build(), true),
    /** A CIFAR first layer: 64x3x32x32 -> 32 channels, 3x3, pad 1. */
    RGB_3X3("64x3x32x32->32 k3 p1", 64, Shape.of(3, 32, 32), 32,
            ConvGeometry.builder(3, 3).padding(1).build(), true),
    /** A VGG/CIFAR-style layer: 32x64x32x32 -> 64 channels, 3x3, pad 1. */
    WIDE_3X3("32x64x32x32->64 k3 p1", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(1).build(), true),
    /** A deeper VGG-style layer: 32x128x16x16 -> 128 channels, 3x3, pad 1. */
    DEEP_3X3("32x128x16x16->128 k3 p1", 32, Shape.of(128, 16, 16), 128,
            ConvGeometry.builder(3, 3).padding(1).build(), true),
    /** {@link #WIDE_3X3} with stride 2 (output 16x16). */
    STRIDED("32x64x32x32->64 k3 p1 s2", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(1).stride(2, 2).build(), true),
    /** {@link #WIDE_3X3} with dilation 2 and pad 2 (output 32x32). */
    DILATED("32x64x32x32->64 k3 p2 d2", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(2).dilation(2, 2).build(), true),
    /** {@link #WIDE_3X3} in 8 groups of 8 channels. */
    GROUPED("32x64x32x32->64 k3 p1 g8", 32, Shape.of(64, 32, 32), 64,
            ConvGeometry.builder(3, 3).padding(1).groups(8).build(), true),
    /** ResNet-20 stage 1: 128x16x32x32 -> 16, 3x3, pad 1. */
    RESNET_16("ResNet 128x16x32x32->16 k3 p1", 128, Shape.of(16, 32, 32), 16,
            ConvGeometry.builder(3, 3).padding(1).build(), false),
    /** ResNet-20 stage 2: 128x32x16x16 -> 32, 3x3, pad 1. */
    RESNET_32("ResNet 128x32x16x16->32 k3 p1", 128, Shape.of(32, 16, 16), 32,
            ConvGeometry.builder(3, 3).padding(1).build(), false),
    /** ResNet-20 stage 3: 128x64x8x8 -> 64, 3x3, pad 1. */
    RESNET_64("ResNet 128x64x8x8->64 k3 p1", 128, Shape.of(64, 8, 8), 64,
            ConvGeometry.builder(3, 3).padding(1).build(), false),
    /** ResNet-20 stage 1 on 1x28x28 input (Fashion-MNIST): 128x16x28x28 -> 16, 3x3, pad 1. */
    RESNET28_16("ResNet 128x16x28x28->16 k3 p1", 128, Shape.of(16, 28, 28), 16,
            ConvGeometry.builder(3, 3).padding(1).build(), false),
    /** ResNet-20 stage 2 on 1x28x28 input: 128x32x14x14 -> 32, 3x3, pad 1. */
    RESNET28_32("ResNet 128x32x14x14->32 k3 p1", 128, Shape.of(32, 14, 14), 32,
            ConvGeometry.builder(3, 3).padding(1).build(), false),
    /** ResNet-20 stage 3 on 1x28x28 input: 128x64x7x7 -> 64, 3x3, pad 1. */
    RESNET28_64("ResNet 128x64x7x7->64 k3 p1", 128, Shape.of(64, 7, 7), 64,
            ConvGeometry.builder(3, 3).padding(1).build(), false),
    /** ResNet-20's first layer of stage 2: 128x16x32x32 -> 32, 3x3, pad 1, stride 2. */
    RESNET_DOWN_32("ResNet 128x16x32x32->32 k3 p1 s2", 128, Shape.of(16, 32, 32), 32,
            ConvGeometry.builder(3, 3).padding(1).stride(2, 2).build(), false),
    /** ResNet-20's first layer of stage 3: 128x32x16x16 -> 64, 3x3, pad 1, stride 2. */
    RESNET_DOWN_64("ResNet 128x32x16x16->64 k3 p1 s2", 128, Shape.of(32, 16, 16), 64,
            ConvGeometry.builder(3, 3).padding(1).stride(2, 2).build(), false),
    /** The projection shortcut into stage 2: 128x16x32x32 -> 32, 1x1, stride 2. */
    RESNET_PROJ_32("ResNet 128x16x32x32->32 k1 s2", 128, Shape.of(16, 32, 32), 32,
            ConvGeometry.builder(1, 1).stride(2, 2).build(), false),
    /** The projection shortcut into stage 3: 128x32x16x16 -> 64, 1x1, stride 2. */
    RESNET_PROJ_64("ResNet 128x32x16x16->64 k1 s2", 128, Shape.of(32, 16, 16), 64,
            ConvGeometry.builder(1, 1).stride(2, 2).build(), false);

    final String label;
    final int batch;
    final Shape input;
    final ConvSpec spec;

    ConvShape(String label, int batch, Shape input, int outChannels, ConvGeometry geometry, boolean bias) {
        this.label = label;
        this.batch = batch;
        this.input = input;
        this.spec = new ConvSpec(outChannels, geometry, bias);
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

    /** The algorithm the engine picks for this layer in this JVM ({@link Conv#algorithm()}). */
    public String algorithm(Gemm gemm) {
        return new Conv(spec, input, gemm).algorithm();
    }

    /**
     * The layer for {@code engine_shapes.py}, one line: {@code conv NAME batch cin h w cout kh kw
     * sh sw ph pw dh dw groups bias(0/1)} (2-D layers only; padding the same on both sides).
     */
    public String pytorchLine() {
        ConvGeometry g = spec.geometry();
        if (g.dims() != 2 || g.padBefore(0) != g.padAfter(0) || g.padBefore(1) != g.padAfter(1)) {
            throw new IllegalStateException(name() + ": engine_shapes.py takes 2-D layers with symmetric padding");
        }
        return BenchMain.shapeLine("conv", name(), batch, input.dim(0), input.dim(1), input.dim(2),
                spec.outChannels(), g.kernel(0), g.kernel(1), g.stride(0), g.stride(1), g.padBefore(0),
                g.padBefore(1), g.dilation(0), g.dilation(1), g.groups(), spec.bias() ? 1 : 0);
    }
}
