package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * A convolution with {@code padding_mode: "mean"}: {@link MeanPadding} pads a copy of the input
 * with each sample's channel means, and an unpadded {@link Conv} with the same kernel, stride,
 * dilation, groups and weights runs on it, so the engine's one convolution does the arithmetic
 * (mean padding is a value, not an index map, so it cannot go through im2col's padding). The
 * padded copy costs one extra input-sized buffer forward and backward.
 */
public final class MeanPaddedConv implements Layer {
    private final ConvSpec spec;
    private final Shape inputShape;
    private final MeanPadding padding;
    private final Conv conv;
    private boolean needsInputGradient = true;
    private Shape lastInput;

    public MeanPaddedConv(ConvSpec spec, Shape inputShape) {
        ConvGeometry g = spec.geometry();
        if (g.paddingMode() != PaddingMode.MEAN) {
            throw new IllegalArgumentException("a mean-padded convolution needs padding_mode mean, got "
                    + g.paddingMode().specName());
        }
        this.spec = spec;
        this.inputShape = inputShape;
        this.padding = new MeanPadding(inputShape, g.padBefore(), g.padAfter());
        ConvGeometry unpadded = ConvGeometry.builder(g.kernel()).stride(g.stride()).dilation(g.dilation())
                .groups(g.groups()).build();
        this.conv = new Conv(new ConvSpec(spec.outChannels(), unpadded, spec.bias(), spec.trueConvolution()), padding.paddedShape());
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return conv.outputShape();
    }

    @Override
    public int parameterCount() {
        return conv.parameterCount();
    }

    @Override
    public void initialize(float[] params, int offset, Random rng) {
        conv.initialize(params, offset, rng);
    }

    @Override
    public void setNeedsInputGradient(boolean needed) {
        needsInputGradient = needed;
        conv.setNeedsInputGradient(needed);
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        lastInput = input.shape();
        return conv.forward(padding.forward(input), params, offset, training);
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        Tensor gradPadded = conv.backward(gradOutput, params, offset, grads);
        return needsInputGradient ? padding.backward(gradPadded, lastInput) : null;
    }

    @Override
    public String toString() {
        return "MeanPaddedConv(" + spec + ")";
    }
}
