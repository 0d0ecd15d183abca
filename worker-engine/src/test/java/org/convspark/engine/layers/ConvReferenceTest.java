package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * The im2col convolution agrees with {@link NaiveConv} on random configurations: 1-3 spatial
 * dimensions, stride, dilation, groups (depthwise too), explicit (also asymmetric), valid, same
 * and full padding, every padding mode, bias on and off; forward and every gradient.
 */
class ConvReferenceTest {
    private static final int CONFIGURATIONS = 240;
    private static final double ABS = 1e-4;
    private static final double REL = 1e-4;

    @Test
    void im2colConvolutionMatchesNestedLoopsOnRandomConfigurations() {
        Random rng = new Random(20240531);
        Map<PaddingMode, Integer> modes = new EnumMap<>(PaddingMode.class);
        Map<String, Integer> seen = new TreeMap<>();
        int checked = 0;
        int attempts = 0;
        while (checked < CONFIGURATIONS) {
            attempts++;
            int dims = 1 + rng.nextInt(3);
            int maxSize = dims == 1 ? 12 : dims == 2 ? 8 : 5;
            int[] spatial = new int[dims];
            int[] kernel = new int[dims];
            int[] stride = new int[dims];
            int[] dilation = new int[dims];
            for (int i = 0; i < dims; i++) {
                spatial[i] = 1 + rng.nextInt(maxSize);
                kernel[i] = 1 + rng.nextInt(dims == 3 ? 3 : 4);
                stride[i] = 1 + rng.nextInt(3);
                dilation[i] = 1 + rng.nextInt(2);
            }
            String rule = new String[] {"explicit", "asymmetric", "valid", "same", "full"}[rng.nextInt(5)];
            Padding padding = padding(rule, dims, rng);
            if (rule.equals("same")) {
                java.util.Arrays.fill(stride, 1);
            }
            boolean depthwise = rng.nextInt(4) == 0;
            int groups = depthwise ? 1 + rng.nextInt(4) : 1 + rng.nextInt(3);
            int inChannels = depthwise ? groups : groups * (1 + rng.nextInt(2));
            int outChannels = groups * (1 + rng.nextInt(2));
            PaddingMode mode = PaddingMode.values()[rng.nextInt(4)];
            boolean bias = rng.nextBoolean();
            int batch = 1 + rng.nextInt(2);
            ConvGeometry g = ConvGeometry.builder(kernel).stride(stride).dilation(dilation).padding(padding)
                    .groups(groups).paddingMode(mode).build();
            Shape sample = Shape.of(prepend(inChannels, spatial));
            Conv conv;
            try {
                conv = new Conv(new ConvSpec(outChannels, g, bias), sample);
            } catch (IllegalArgumentException tooSmallForThisKernelOrPad) {
                continue;
            }
            String config = g + " input " + batch + "x" + sample + " out_channels " + outChannels + " bias " + bias;
            compare(config, conv, g, batch, inChannels, spatial, outChannels, bias, rng);
            checked++;
            modes.merge(mode, 1, Integer::sum);
            seen.merge(dims + "d", 1, Integer::sum);
            seen.merge(rule, 1, Integer::sum);
            seen.merge(depthwise ? "depthwise" : groups > 1 ? "grouped" : "ungrouped", 1, Integer::sum);
            if (g.stride(0) > 1 || (dims > 1 && g.stride(dims - 1) > 1)) {
                seen.merge("strided", 1, Integer::sum);
            }
            if (g.dilation(0) > 1 || g.dilation(dims - 1) > 1) {
                seen.merge("dilated", 1, Integer::sum);
            }
        }
        assertEquals(CONFIGURATIONS, checked);
        // The draw must really cover the space, not only the configurations that are easy to build.
        for (PaddingMode m : PaddingMode.INDEX_MAPS) {
            assertTrue(modes.getOrDefault(m, 0) >= 20, "padding mode " + m + ": " + modes);
        }
        for (String key : new String[] {"1d", "2d", "3d", "explicit", "asymmetric", "valid", "same", "full",
                "depthwise", "grouped", "ungrouped", "strided", "dilated"}) {
            assertTrue(seen.getOrDefault(key, 0) >= 10, key + ": " + seen);
        }
        System.out.println("ConvReferenceTest: " + checked + " configurations (" + attempts + " drawn) " + modes
                + " " + seen);
    }

    private static void compare(String config, Conv conv, ConvGeometry g, int batch, int inChannels, int[] spatial,
                                int outChannels, boolean bias, Random rng) {
        int weights = conv.parameterCount() - (bias ? outChannels : 0);
        float[] params = TestArrays.uniform(rng, conv.parameterCount());
        float[] w = java.util.Arrays.copyOf(params, weights);
        float[] b = bias ? java.util.Arrays.copyOfRange(params, weights, params.length) : null;
        Shape inShape = conv.inputShape().prepend(batch);
        float[] x = TestArrays.uniform(rng, inShape.size());
        float[] dy = TestArrays.uniform(rng, conv.outputShape().prepend(batch).size());
        NaiveConv naive = new NaiveConv(g, batch, inChannels, spatial, outChannels, x, w, b, dy);

        assertEquals(Shape.of(prepend(outChannels, naive.outSpatial())), conv.outputShape(), config);
        Tensor y = conv.forward(new Tensor(x, inShape), params, 0, true);
        TestArrays.assertClose(config + " output", naive.output, y.data(), ABS, REL);
        float[] grads = new float[params.length];
        Tensor dx = conv.backward(new Tensor(dy, y.shape()), params, 0, grads);
        TestArrays.assertClose(config + " grad_input", naive.gradInput, dx.data(), ABS, REL);
        TestArrays.assertClose(config + " grad_weight", naive.gradWeight, grads, ABS, REL);
        if (bias) {
            TestArrays.assertClose(config + " grad_bias", naive.gradBias,
                    java.util.Arrays.copyOfRange(grads, weights, grads.length), ABS, REL);
        }
    }

    private static Padding padding(String rule, int dims, Random rng) {
        switch (rule) {
            case "valid":
                return Padding.VALID;
            case "same":
                return Padding.SAME;
            case "full":
                return Padding.FULL;
            case "explicit":
                return Padding.of(randomWidths(dims, rng));
            default:
                return Padding.of(randomWidths(dims, rng), randomWidths(dims, rng));
        }
    }

    private static int[] randomWidths(int dims, Random rng) {
        int[] p = new int[dims];
        for (int i = 0; i < dims; i++) {
            p[i] = rng.nextInt(4);
        }
        return p;
    }

    static int[] prepend(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
