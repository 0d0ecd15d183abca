package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.model.LayerFactory;
import org.convspark.engine.model.Network;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecException;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.GradientCheck;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transposed convolution: PyTorch's figures are golden cases ({@code convtranspose*}); here its
 * gradients by finite differences, and the adjoint identity with the convolution of the same
 * weights, {@code <conv(x), y> = <x, convtranspose(y)>}, in 1, 2 and 3 dimensions.
 */
class ConvTransposeTest {

    /** (name, geometry, output padding, channels of the conv's input, of its output, conv input shape). */
    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("1d strided dilated grouped", ConvGeometry.builder(3).stride(2).dilation(2).padding(2)
                .groups(2).build(), new int[] {1}, 4, 6, new int[] {10}));
        out.add(Arguments.of("2d strided padded", ConvGeometry.builder(3, 2).stride(2, 1).padding(1, 0).build(),
                new int[] {1, 0}, 3, 2, new int[] {6, 5}));
        // output_padding 1 at stride 1 (allowed below the dilation): the adjoint runs on a padded input.
        out.add(Arguments.of("3d output padding beyond the stride", ConvGeometry.builder(2, 3, 2).stride(1, 2, 1)
                .dilation(2, 1, 1).groups(2).build(), new int[] {1, 1, 0}, 2, 4, new int[] {5, 6, 3}));
        return out.stream();
    }

    private static Shape shape(int channels, int[] spatial) {
        int[] dims = new int[spatial.length + 1];
        dims[0] = channels;
        System.arraycopy(spatial, 0, dims, 1, spatial.length);
        return Shape.of(dims);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void gradientsMatchFiniteDifferences(String name, ConvGeometry g, int[] outputPadding, int convIn, int convOut,
                                         int[] spatial) {
        Shape convInput = shape(convIn, spatial);
        Shape input = new ConvSpec(convOut, g, false).outputShape(convInput);
        Layer t = LayerFactory.create(new ConvTransposeSpec(convIn, g, outputPadding, true), input);
        GradientCheck.of(t).check(2, name.hashCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void itIsTheAdjointOfTheConvolutionWithTheSameWeights(String name, ConvGeometry g, int[] outputPadding,
                                                           int convIn, int convOut, int[] spatial) {
        Shape convInput = shape(convIn, spatial);
        Conv conv = new Conv(new ConvSpec(convOut, g, false), convInput);
        Layer t = LayerFactory.create(new ConvTransposeSpec(convIn, g, outputPadding, false), conv.outputShape());
        // With output_padding the transposed output is the conv's input size only where padding picks it.
        Shape tOut = t.outputShape();
        Conv matching = new Conv(new ConvSpec(convOut, g, false), tOut);
        assertEquals(conv.parameterCount(), t.parameterCount());
        Random rng = new Random(name.hashCode());
        float[] w = TestArrays.uniform(rng, t.parameterCount());
        int batch = 2;
        float[] x = TestArrays.uniform(rng, batch * tOut.size());
        float[] y = TestArrays.uniform(rng, batch * t.inputShape().size());
        float[] convX = matching.forward(new Tensor(x, tOut.prepend(batch)), w, 0, false).toArray();
        // The conv of the transposed layer's output size may reach more positions than y has (output
        // padding beyond the stride); the adjoint pairs y with the positions the transposed layer reads.
        double lhs = dotOverCorner(convX, matching.outputShape(), y, t.inputShape(), batch);
        float[] ty = t.forward(new Tensor(y, t.inputShape().prepend(batch)), w, 0, false).toArray();
        double rhs = TestArrays.dot(x, ty, x.length);
        double scale = TestArrays.dotScale(x, ty, x.length);
        assertEquals(lhs, rhs, 1e-5 * scale, name);
    }

    /** {@code <a, b>} over the positions of the smaller shape {@code bShape}, the low corner of {@code aShape}. */
    private static double dotOverCorner(float[] a, Shape aShape, float[] b, Shape bShape, int batch) {
        float[] cropped = new float[batch * bShape.size()];
        ConvTranspose.Corner.copy(a, aShape, cropped, bShape, batch, false);
        return TestArrays.dot(cropped, b, cropped.length);
    }

    @Test
    void aSpecWithATransposedConvolutionParsesWritesAndTrains() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"m\", \"input\": [1, 6, 6], \"layers\": [{\"type\": \"conv\", "
                + "\"out_channels\": 2, \"kernel\": 3, \"stride\": 2}, {\"type\": \"convtranspose\", \"out_channels\": 3, "
                + "\"kernel\": 3, \"stride\": 2, \"output_padding\": 1}, {\"type\": \"flatten\"}, {\"type\": \"linear\", "
                + "\"out_features\": 2}]}", "m.json");
        assertEquals(Shape.of(3, 6, 6), spec.outputShape(1));
        assertEquals(2 * 3 * 9 + 3, spec.layers().get(1).parameterCount(spec.inputShape(1)));
        assertEquals(spec, ModelSpecJson.parse(ModelSpecJson.toJson(spec), "again"));
        Network network = new Network(spec);
        float[] params = network.initialParameters(1);
        float[] grads = new float[params.length];
        float[] images = TestArrays.uniform(new Random(2), 2 * 36);
        network.trainBatch(params, images, 0, new int[] {0, 1}, 0, 2, grads, 1, 0);
        int at = 2 * 9 + 2;
        boolean reached = false;
        for (int i = at; i < at + 2 * 3 * 9 + 3; i++) {
            reached |= grads[i] != 0;
        }
        assertTrue(reached, "gradients reach the transposed convolution's weights");
    }

    @Test
    void badOutputPaddingIsRefusedNamingTheLayer() {
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecJson.parse("{\"input\": [1, 6], "
                + "\"layers\": [{\"type\": \"convtranspose\", \"out_channels\": 2, \"kernel\": 3, \"stride\": 2, "
                + "\"output_padding\": 2}]}", "m.json"));
        assertTrue(e.getMessage().contains("output_padding") && e.getMessage().contains("layer 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConvTransposeSpec(2, ConvGeometry.builder(3)
                .paddingMode(org.convspark.engine.geometry.PaddingMode.REFLECT).padding(1).build(), new int[] {0},
                true));
    }

    @Test
    void outputPaddingDefaultsToZeroInEveryDimensionAndOneValueServesThemAll() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"m\", \"input\": [1, 6, 6], \"layers\": [{\"type\": "
                + "\"convtranspose\", \"out_channels\": 2, \"kernel\": 3}, {\"type\": \"convtranspose\", \"out_channels\": 2, "
                + "\"kernel\": 3, \"stride\": 2, \"output_padding\": 1}, {\"type\": \"flatten\"}, {\"type\": \"linear\", "
                + "\"out_features\": 2}]}", "m.json");
        assertEquals(Shape.of(2, 8, 8), spec.outputShape(0));
        assertEquals(Shape.of(2, 18, 18), spec.outputShape(1));
        assertEquals(spec, ModelSpecJson.parse(ModelSpecJson.toJson(spec), "again"));
    }
}
