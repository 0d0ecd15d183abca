package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * The 2x2 stride-2 max-pool path gives the general path's output and input gradient bit for bit:
 * even and odd sizes (the last row and column dropped), ties (first maximum wins), NaN (wins) and
 * negative infinity; and pooling it does not serve (ceil mode over an odd size) is left to the
 * general path.
 */
class MaxPoolPairsTest {

    @Test
    void pairsPathEqualsTheGeneralPath() {
        Random rng = new Random(2);
        MaxPoolSpec spec = new MaxPoolSpec(ConvGeometry.builder(2, 2).stride(2, 2).build());
        int[][] sizes = {{8, 8}, {7, 9}, {2, 3}, {28, 28}};
        for (int[] size : sizes) {
            Shape sample = Shape.of(3, size[0], size[1]);
            Shape batch = sample.prepend(2);
            // Integers in [-2, 2]: plenty of ties; then a few NaN and -inf.
            float[] x = TestArrays.integers(rng, batch.size(), 2);
            for (int i = 0; i < x.length; i += 1 + rng.nextInt(11)) {
                x[i] = rng.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
            }
            MaxPool fast = new MaxPool(spec, sample);
            MaxPool general = new MaxPool(spec, sample, false);
            float[] yFast = fast.forward(new Tensor(x, batch), null, 0, true).toArray();
            float[] yGeneral = general.forward(new Tensor(x, batch), null, 0, true).toArray();
            assertArrayEquals(yGeneral, yFast, "output " + sample);
            float[] dy = TestArrays.uniform(rng, yFast.length);
            Shape out = fast.outputShape().prepend(2);
            float[] dxFast = fast.backward(new Tensor(dy, out), null, 0, null).toArray();
            float[] dxGeneral = general.backward(new Tensor(dy, out), null, 0, null).toArray();
            assertArrayEquals(dxGeneral, dxFast, "input gradient " + sample);
        }
    }

    @Test
    void keysOrderAsTheFloatComparisons() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00001),
            Float.intBitsToFloat(0x7f800001), 1f, -1f, 1.5e-42f, -1.5e-42f};
        Random rng = new Random(3);
        float[] values = new float[special.length + 200];
        System.arraycopy(special, 0, values, 0, special.length);
        for (int i = special.length; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(rng.nextInt());
        }
        for (float a : values) {
            for (float b : values) {
                boolean nanA = Float.isNaN(a);
                boolean nanB = Float.isNaN(b);
                // What the general path asks: does b replace a as the maximum so far?
                boolean replaces = b > a || (nanB && !nanA);
                assertEquals(replaces, MaxPool.key(b) > MaxPool.key(a), a + " then " + b);
            }
        }
    }

    @Test
    void ceilModeOverAnOddSizeKeepsItsPartialWindows() {
        MaxPoolSpec spec = new MaxPoolSpec(ConvGeometry.builder(2, 2).stride(2, 2).ceilMode(true).build());
        Shape sample = Shape.of(1, 3, 3);
        float[] x = {0, 0, 5, 0, 0, 0, 7, 0, 9};
        float[] y = new MaxPool(spec, sample).forward(new Tensor(x, sample.prepend(1)), null, 0, false).toArray();
        assertArrayEquals(new float[] {0, 5, 7, 9}, y);
    }
}
