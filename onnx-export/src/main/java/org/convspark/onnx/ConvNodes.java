package org.convspark.onnx;

import static org.convspark.onnx.OnnxGraph.attribute;

import java.util.ArrayList;
import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.onnx.proto.OnnxProto.AttributeProto;

/**
 * {@code conv} and {@code convtranspose} as ONNX {@code Conv} and {@code ConvTranspose}: the
 * engine keeps PyTorch's weight layouts, which are ONNX's, so weights and biases are copied as
 * they are, except a {@code true_convolution}'s kernel, which is flipped here so that the exported
 * cross-correlation computes the same thing.
 */
final class ConvNodes {
    private ConvNodes() {
    }

    static String conv(OnnxGraph g, SpecNode n, ConvSpec spec) {
        ConvGeometry geometry = spec.geometry();
        int inChannels = n.inputShape().dim(0);
        int perGroup = inChannels / geometry.groups();
        int volume = geometry.kernelVolume();
        float[] weights = n.params(0, spec.outChannels() * perGroup * volume);
        if (spec.trueConvolution()) {
            flipKernels(weights, volume);
        }
        String x = n.input();
        boolean zeros = geometry.paddingMode() == PaddingMode.ZEROS;
        if (!zeros) {
            x = PaddingNodes.pad(g, n, x, geometry);
        }
        List<String> inputs = new ArrayList<>(List.of(x,
                g.floats(n.base() + "/weight", weights, dims(spec.outChannels(), perGroup, geometry.kernel()))));
        if (spec.bias()) {
            inputs.add(g.floats(n.base() + "/bias", n.params(weights.length, spec.outChannels()),
                    spec.outChannels()));
        }
        return g.node("Conv", n.base(), n.base(), inputs, window(geometry, zeros ? pads(geometry) : noPads(geometry)));
    }

    static String transpose(OnnxGraph g, SpecNode n, ConvTransposeSpec spec) {
        ConvGeometry geometry = spec.geometry();
        int inChannels = n.inputShape().dim(0);
        int outPerGroup = spec.outChannels() / geometry.groups();
        int count = inChannels * outPerGroup * geometry.kernelVolume();
        List<String> inputs = new ArrayList<>(List.of(n.input(),
                g.floats(n.base() + "/weight", n.params(0, count), dims(inChannels, outPerGroup, geometry.kernel()))));
        if (spec.bias()) {
            inputs.add(g.floats(n.base() + "/bias", n.params(count, spec.outChannels()), spec.outChannels()));
        }
        List<AttributeProto> attributes = new ArrayList<>(List.of(window(geometry, pads(geometry))));
        attributes.add(attribute("output_padding", spec.outputPadding()));
        return g.node("ConvTranspose", n.base(), n.base(), inputs, attributes.toArray(new AttributeProto[0]));
    }

    /** Kernel, strides, dilations, groups and pads: the attributes Conv and ConvTranspose share. */
    private static AttributeProto[] window(ConvGeometry geometry, int[] pads) {
        return new AttributeProto[] {attribute("kernel_shape", geometry.kernel()), attribute("strides",
                geometry.stride()), attribute("dilations", geometry.dilation()), attribute("group",
                (long) geometry.groups()), attribute("pads", pads)};
    }

    /** ONNX's pads attribute: the begins of each spatial axis, then the ends. */
    static int[] pads(ConvGeometry geometry) {
        int dims = geometry.dims();
        int[] pads = new int[2 * dims];
        for (int d = 0; d < dims; d++) {
            pads[d] = geometry.padBefore(d);
            pads[dims + d] = geometry.padAfter(d);
        }
        return pads;
    }

    private static int[] noPads(ConvGeometry geometry) {
        return new int[2 * geometry.dims()];
    }

    /**
     * Flips every kernel along all its spatial axes: in row-major order that reverses each block
     * of {@code volume} values.
     */
    private static void flipKernels(float[] weights, int volume) {
        for (int start = 0; start < weights.length; start += volume) {
            for (int i = start, j = start + volume - 1; i < j; i++, j--) {
                float t = weights[i];
                weights[i] = weights[j];
                weights[j] = t;
            }
        }
    }

    private static long[] dims(int first, int second, int[] kernel) {
        long[] dims = new long[2 + kernel.length];
        dims[0] = first;
        dims[1] = second;
        for (int d = 0; d < kernel.length; d++) {
            dims[2 + d] = kernel[d];
        }
        return dims;
    }
}
