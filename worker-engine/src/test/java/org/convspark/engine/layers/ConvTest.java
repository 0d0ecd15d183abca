package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Conv: true convolution, initialisation, batches and buffers, and the errors of bad configurations. */
class ConvTest {

    /** The weights with every kernel reversed along every spatial axis, by explicit N-d indexing. */
    private static float[] flipped(float[] params, int pairs, int[] kernel) {
        float[] out = params.clone();
        int volume = Arrays.stream(kernel).reduce(1, (a, b) -> a * b);
        int[] t = new int[kernel.length];
        for (int pair = 0; pair < pairs; pair++) {
            for (int flat = 0; flat < volume; flat++) {
                int rest = flat;
                for (int i = kernel.length - 1; i >= 0; i--) {
                    t[i] = rest % kernel[i];
                    rest /= kernel[i];
                }
                int mirror = 0;
                for (int i = 0; i < kernel.length; i++) {
                    mirror = mirror * kernel[i] + (kernel[i] - 1 - t[i]);
                }
                out[pair * volume + mirror] = params[pair * volume + flat];
            }
        }
        return out;
    }

    @Test
    void trueConvolutionIsCrossCorrelationWithTheFlippedKernel() {
        Random rng = new Random(3);
        ConvGeometry[] geometries = {
            ConvGeometry.builder(3).padding(Padding.FULL).build(),
            ConvGeometry.builder(2, 3).stride(2, 1).padding(1).groups(2).paddingMode(PaddingMode.REFLECT).build(),
            ConvGeometry.builder(3, 2, 2).dilation(1, 2, 1).padding(Padding.SAME).paddingMode(PaddingMode.CIRCULAR).build(),
        };
        Shape[] inputs = {Shape.of(1, 9), Shape.of(4, 6, 7), Shape.of(2, 4, 5, 4)};
        for (int c = 0; c < geometries.length; c++) {
            ConvGeometry g = geometries[c];
            Conv flipping = new Conv(new ConvSpec(4, g, true, true), inputs[c]);
            Conv plain = new Conv(new ConvSpec(4, g, true, false), inputs[c]);
            int pairs = 4 * inputs[c].dim(0) / g.groups();
            float[] params = TestArrays.uniform(rng, flipping.parameterCount());
            float[] manual = flipped(params, pairs, g.kernel());
            Shape batch = inputs[c].prepend(2);
            float[] x = TestArrays.uniform(rng, batch.size());

            Tensor yTrue = flipping.forward(new Tensor(x, batch), params, 0, true);
            Tensor yPlain = plain.forward(new Tensor(x, batch), manual, 0, true);
            // Same products summed in the same order: equal to the bit.
            assertArrayEquals(yPlain.toArray(), yTrue.toArray(), g.toString());

            float[] dy = TestArrays.uniform(rng, yTrue.size());
            float[] gradTrue = new float[params.length];
            float[] gradPlain = new float[params.length];
            float[] dxTrue = flipping.backward(new Tensor(dy, yTrue.shape()), params, 0, gradTrue).toArray();
            float[] dxPlain = plain.backward(new Tensor(dy, yPlain.shape()), manual, 0, gradPlain).toArray();
            assertArrayEquals(dxPlain, dxTrue, g.toString());
            // The weight gradient of a flipped read is the flipped gradient.
            assertArrayEquals(flipped(gradPlain, pairs, g.kernel()), gradTrue, g.toString());
        }
    }

    @Test
    void initializationIsUniformInPlusMinusOneOverSqrtFanIn() {
        Conv conv = new Conv(new ConvSpec(16, ConvGeometry.builder(3, 3).groups(2).build(), true), Shape.of(4, 8, 8));
        float[] params = new float[conv.parameterCount() + 2];
        params[0] = 42f;
        params[params.length - 1] = 42f;
        conv.initialize(params, 1, new Random(1));
        double bound = 1 / Math.sqrt(2 * 9);
        double sum = 0;
        double min = 1;
        double max = -1;
        for (int i = 1; i <= conv.parameterCount(); i++) {
            assertTrue(Math.abs(params[i]) <= bound, "params[" + i + "] = " + params[i]);
            sum += params[i];
            min = Math.min(min, params[i]);
            max = Math.max(max, params[i]);
        }
        assertEquals(42f, params[0]);
        assertEquals(42f, params[params.length - 1]);
        assertEquals(0, sum / conv.parameterCount(), bound / 10);
        assertTrue(min < -0.9 * bound && max > 0.9 * bound, "range [" + min + ", " + max + "] of +-" + bound);
    }

    @Test
    void samplesOfABatchAreIndependentAndBuffersSurviveBatchSizeChanges() {
        Random rng = new Random(5);
        Conv conv = new Conv(new ConvSpec(3, ConvGeometry.builder(3, 3).padding(1).build(), true), Shape.of(2, 5, 5));
        float[] params = TestArrays.uniform(rng, conv.parameterCount());
        int sample = conv.inputShape().size();
        float[] x = TestArrays.uniform(rng, 3 * sample);
        float[] dy = TestArrays.uniform(rng, 3 * conv.outputShape().size());
        float[] gradsBatch = new float[params.length];
        float[] yBatch = conv.forward(new Tensor(x, conv.inputShape().prepend(3)), params, 0, true).toArray();
        float[] dxBatch = conv.backward(new Tensor(dy, conv.outputShape().prepend(3)), params, 0, gradsBatch).toArray();

        float[] gradsOneByOne = new float[params.length];
        int out = conv.outputShape().size();
        for (int n = 2; n >= 0; n--) {
            float[] xn = Arrays.copyOfRange(x, n * sample, (n + 1) * sample);
            float[] yn = conv.forward(new Tensor(xn, conv.inputShape().prepend(1)), params, 0, true).toArray();
            assertArrayEquals(Arrays.copyOfRange(yBatch, n * out, (n + 1) * out), yn, "sample " + n);
            float[] dyn = Arrays.copyOfRange(dy, n * out, (n + 1) * out);
            float[] dxn = conv.backward(new Tensor(dyn, conv.outputShape().prepend(1)), params, 0, gradsOneByOne)
                    .toArray();
            assertArrayEquals(Arrays.copyOfRange(dxBatch, n * sample, (n + 1) * sample), dxn, "sample " + n);
        }
        TestArrays.assertClose("weight and bias gradients summed over samples", gradsBatch, gradsOneByOne, 1e-5, 1e-5);
    }

    @Test
    void invalidConfigurationsFailAtConstructionNamingParameterAndValue() {
        assertMessage("kernel [7] spans 7 but the padded input is only 6",
                () -> new Conv(new ConvSpec(2, ConvGeometry.builder(7).padding(1).build(), true), Shape.of(1, 4)));
        assertMessage("kernel [3, 3] with dilation [1, 3] spans 7 but the padded input is only 6",
                () -> new Conv(new ConvSpec(2, ConvGeometry.builder(3, 3).dilation(1, 3).build(), true),
                        Shape.of(1, 8, 6)));
        assertMessage("groups 2 does not divide the 3 input channels",
                () -> new Conv(new ConvSpec(4, ConvGeometry.builder(3).groups(2).build(), true), Shape.of(3, 8)));
        assertMessage("groups 2 does not divide out_channels 3",
                () -> new Conv(new ConvSpec(3, ConvGeometry.builder(3).groups(2).build(), true), Shape.of(4, 8)));
        assertMessage("reflect padding 4 must be smaller than the input size 4 in spatial dimension 1",
                () -> new Conv(new ConvSpec(1, ConvGeometry.builder(3, 3).padding(1, 4)
                        .paddingMode(PaddingMode.REFLECT).build(), false), Shape.of(1, 8, 4)));
        assertMessage("circular padding 5 must not exceed the input size 4",
                () -> new Conv(new ConvSpec(1, ConvGeometry.builder(3).padding(5)
                        .paddingMode(PaddingMode.CIRCULAR).build(), false), Shape.of(1, 4)));
        assertMessage("stride must be >= 1, got [2, 0]",
                () -> new Conv(new ConvSpec(1, ConvGeometry.builder(3, 3).stride(2, 0).build(), false), Shape.of(1, 8, 8)));
        assertMessage("dilation must be >= 1, got [0]",
                () -> new Conv(new ConvSpec(1, ConvGeometry.builder(3).dilation(0).build(), false), Shape.of(1, 8)));
        assertMessage("conv with a 2-d kernel needs a 3-d input",
                () -> new Conv(new ConvSpec(1, ConvGeometry.builder(3, 3).build(), false), Shape.of(1, 8)));
    }

    @Test
    void forwardRefusesABatchOfTheWrongShape() {
        Conv conv = new Conv(new ConvSpec(4, ConvGeometry.builder(3, 3).build(), true), Shape.of(3, 8, 8));
        float[] params = new float[conv.parameterCount()];
        assertMessage("conv: input has shape 2x2x8x8 but the layer expects N x 3x8x8",
                () -> conv.forward(Tensor.zeros(Shape.of(2, 2, 8, 8)), params, 0, true));
        assertMessage("conv: input has shape 2x3x9x8 but the layer expects N x 3x8x8",
                () -> conv.forward(Tensor.zeros(Shape.of(2, 3, 9, 8)), params, 0, true));
        assertMessage("conv: input has shape 3x8x8 but the layer expects N x 3x8x8",
                () -> conv.forward(Tensor.zeros(Shape.of(3, 8, 8)), params, 0, true));
        conv.forward(Tensor.zeros(Shape.of(2, 3, 8, 8)), params, 0, true);
        assertMessage("conv: gradOutput has batch size 1 but the last forward had 2",
                () -> conv.backward(Tensor.zeros(Shape.of(1, 4, 6, 6)), params, 0, new float[params.length]));
    }

    private static void assertMessage(String expected, Executable e) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, e);
        assertTrue(thrown.getMessage().contains(expected),
                () -> "message \"" + thrown.getMessage() + "\" lacks \"" + expected + "\"");
    }
}
