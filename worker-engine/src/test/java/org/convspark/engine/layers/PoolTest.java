package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.spec.GlobalAvgPoolSpec;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/** MaxPool, AvgPool and GlobalAvgPool: gradients by finite differences, semantics, properties. */
class PoolTest {
    private static final float[] NO_PARAMS = new float[0];

    /** Distinct values 0.05 apart in random order: no ties, and no near-tie an eps of 1e-2 could flip. */
    private static Tensor distinct(Shape shape, long seed) {
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            values.add(0.05f * i - 1f);
        }
        Collections.shuffle(values, new Random(seed));
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return new Tensor(a, shape);
    }

    @Test
    void maxPoolGradientsMatchFiniteDifferences() {
        List<ConvGeometry> geometries = List.of(
                ConvGeometry.builder(3).stride(2).padding(1).ceilMode(true).build(),
                ConvGeometry.builder(2).stride(1).dilation(3).build(),
                ConvGeometry.builder(3, 2).stride(2, 1).padding(1, 1).dilation(1, 2).build(),
                ConvGeometry.builder(2, 2).stride(2).ceilMode(true).build(),
                ConvGeometry.builder(2, 3, 2).stride(2, 1, 2).padding(1, 1, 0).ceilMode(true).build());
        List<Shape> inputs = List.of(Shape.of(2, 8), Shape.of(1, 9), Shape.of(2, 5, 6), Shape.of(1, 5, 7),
                Shape.of(1, 3, 4, 5));
        for (int i = 0; i < geometries.size(); i++) {
            MaxPool pool = new MaxPool(new MaxPoolSpec(geometries.get(i)), inputs.get(i));
            GradientCheck.of(pool).check(distinct(inputs.get(i).prepend(2), i), NO_PARAMS, i);
        }
    }

    @Test
    void avgPoolGradientsMatchFiniteDifferences() {
        List<ConvGeometry> geometries = List.of(
                ConvGeometry.builder(3).stride(2).padding(1).ceilMode(true).build(),
                ConvGeometry.builder(2, 3).stride(2, 2).padding(1, 1).build(),
                ConvGeometry.builder(3, 2).stride(2, 3).padding(1, 0).ceilMode(true).build(),
                ConvGeometry.builder(2, 2, 3).stride(2, 1, 2).padding(1, 0, 1).ceilMode(true).build());
        List<Shape> inputs = List.of(Shape.of(2, 8), Shape.of(2, 5, 6), Shape.of(1, 6, 7), Shape.of(1, 3, 4, 5));
        for (boolean countIncludePad : new boolean[] {true, false}) {
            for (int i = 0; i < geometries.size(); i++) {
                AvgPool pool = new AvgPool(new AvgPoolSpec(geometries.get(i), countIncludePad), inputs.get(i));
                GradientCheck.of(pool).check(2, i);
            }
        }
    }

    @Test
    void globalAvgPoolGradientsMatchFiniteDifferences() {
        for (Shape s : List.of(Shape.of(3, 7), Shape.of(2, 4, 5), Shape.of(2, 2, 3, 4))) {
            GradientCheck.of(new GlobalAvgPool(new GlobalAvgPoolSpec(), s)).check(2, s.size());
        }
    }

    @Test
    void maxPoolTiesGoToTheFirstMaximumInScanOrder() {
        MaxPool pool = new MaxPool(new MaxPoolSpec(ConvGeometry.builder(2, 2).stride(2).build()), Shape.of(1, 2, 4));
        float[] x = {1, 5, 5, 2,
                     5, 0, 3, 5};
        Tensor y = pool.forward(new Tensor(x, Shape.of(1, 1, 2, 4)), NO_PARAMS, 0, false);
        assertArrayEquals(new float[] {5, 5}, y.toArray());
        Tensor dx = pool.backward(new Tensor(new float[] {1, 2}, y.shape()), NO_PARAMS, 0, NO_PARAMS);
        assertArrayEquals(new float[] {0, 1, 2, 0, 0, 0, 0, 0}, dx.toArray());
    }

    /**
     * A window whose every real element is -inf outputs -inf and, as in PyTorch (whose argmax
     * starts at the window's first in-bounds element), passes its gradient to that first real
     * element: padding and dilation skipped, the 2x2 stride-2 path and the general one alike.
     */
    @Test
    void maxPoolWindowOfOnlyNegativeInfinityCreditsItsFirstRealElement() {
        float inf = Float.NEGATIVE_INFINITY;
        MaxPoolSpec pairs = new MaxPoolSpec(ConvGeometry.builder(2, 2).stride(2).build());
        for (boolean pairsPath : new boolean[] {true, false}) {
            assertMaxPool(new MaxPool(pairs, Shape.of(1, 2, 4), pairsPath),
                    new float[] {inf, inf, 1, inf,
                                 inf, inf, inf, 2},
                    new float[] {inf, 2}, new float[] {1, 2},
                    new float[] {1, 0, 0, 0,
                                 0, 0, 0, 2});
        }
        // k=3, s=2, p=1 on n=5: windows [-1,2) [1,4) [3,6), the first and last all -inf or padding.
        assertMaxPool(new MaxPool(new MaxPoolSpec(ConvGeometry.builder(3).stride(2).padding(1).build()), Shape.of(1, 5)),
                new float[] {inf, inf, 3, inf, inf},
                new float[] {inf, 3, inf}, new float[] {1, 2, 4},
                new float[] {1, 0, 2, 4, 0});
        // k=2, dilation 2, p=1 on 3x3: rows (and columns) of windows 0, 1, 2 are {-1,1}, {0,2}, {1,3},
        // so their first real row is 1, 0, 1; dy = 1..9 lands on (1,1), (1,0), (0,1) and (0,0).
        assertMaxPool(new MaxPool(new MaxPoolSpec(ConvGeometry.builder(2, 2).dilation(2).padding(1).build()),
                        Shape.of(1, 3, 3)),
                new float[] {inf, inf, inf, inf, inf, inf, inf, inf, inf},
                new float[] {inf, inf, inf, inf, inf, inf, inf, inf, inf}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9},
                new float[] {5, 10, 0,
                             10, 20, 0,
                             0, 0, 0});
    }

    private static void assertMaxPool(MaxPool pool, float[] x, float[] expectedY, float[] dy, float[] expectedDx) {
        Shape batch = pool.inputShape().prepend(1);
        Tensor y = pool.forward(new Tensor(x, batch), NO_PARAMS, 0, true);
        assertArrayEquals(expectedY, y.toArray());
        Tensor dx = pool.backward(new Tensor(dy, y.shape()), NO_PARAMS, 0, NO_PARAMS);
        assertArrayEquals(expectedDx, dx.toArray());
    }

    @Test
    void avgPoolDivisorsFollowCountIncludePadAndCeilMode() {
        // k=3, s=2, p=1, ceil on n=6: windows [-1,2) [1,4) [3,6) [5,8)->[5,7) cut at input+padding.
        ConvGeometry g = ConvGeometry.builder(3).stride(2).padding(1).ceilMode(true).build();
        Tensor x = new Tensor(new float[] {1, 1, 1, 1, 1, 1}, Shape.of(1, 1, 6));
        float[] withPad = new AvgPool(new AvgPoolSpec(g, true), Shape.of(1, 6))
                .forward(x, NO_PARAMS, 0, false).toArray();
        assertArrayEquals(new float[] {2f / 3, 1, 1, 1f / 2}, withPad);
        float[] withoutPad = new AvgPool(new AvgPoolSpec(g, false), Shape.of(1, 6))
                .forward(x, NO_PARAMS, 0, false).toArray();
        assertArrayEquals(new float[] {1, 1, 1, 1}, withoutPad);
    }

    /**
     * A 1-pixel shift that keeps every maximum inside its window leaves max pooling's output
     * unchanged: each 2x2 (or 3x3) window has a peak in [1, 2) at its first column over a
     * background in [-1, 0); the whole image then moves one pixel right (background fills in).
     */
    @Test
    void maxPoolOutputIsUnchangedByAShiftInsideTheWindow() {
        Random rng = new Random(7);
        for (int k : new int[] {2, 3}) {
            int h = 4 * k;
            int w = 5 * k;
            MaxPool pool = new MaxPool(new MaxPoolSpec(ConvGeometry.builder(k, k).stride(k).build()), Shape.of(2, h, w));
            float[] x = new float[2 * h * w];
            for (int i = 0; i < x.length; i++) {
                x[i] = -rng.nextFloat();
            }
            for (int c = 0; c < 2; c++) {
                for (int wy = 0; wy < h; wy += k) {
                    for (int wx = 0; wx < w; wx += k) {
                        int row = wy + rng.nextInt(k);
                        x[(c * h + row) * w + wx] = 1 + rng.nextFloat();
                    }
                }
            }
            float[] shifted = new float[x.length];
            for (int c = 0; c < 2; c++) {
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) {
                        int at = (c * h + row) * w + col;
                        shifted[at] = col == 0 ? -rng.nextFloat() : x[at - 1];
                    }
                }
            }
            Shape batch = Shape.of(1, 2, h, w);
            float[] before = pool.forward(new Tensor(x, batch), NO_PARAMS, 0, false).toArray();
            float[] after = pool.forward(new Tensor(shifted, batch), NO_PARAMS, 0, false).toArray();
            assertTrue(before[0] >= 1, "peaks must be the maxima");
            assertArrayEquals(before, after, "kernel " + k);
        }
    }

    @Test
    void forwardRefusesABatchOfTheWrongShape() {
        MaxPool max = new MaxPool(new MaxPoolSpec(ConvGeometry.builder(2, 2).build()), Shape.of(3, 6, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> max.forward(Tensor.zeros(Shape.of(2, 3, 6, 5)), NO_PARAMS, 0, false));
        assertEquals("maxpool: input has shape 2x3x6x5 but the layer expects N x 3x6x6", e.getMessage());
        AvgPool avg = new AvgPool(new AvgPoolSpec(ConvGeometry.builder(2).build(), true), Shape.of(3, 6));
        e = assertThrows(IllegalArgumentException.class,
                () -> avg.forward(Tensor.zeros(Shape.of(2, 4, 6)), NO_PARAMS, 0, false));
        assertEquals("avgpool: input has shape 2x4x6 but the layer expects N x 3x6", e.getMessage());
        GlobalAvgPool global = new GlobalAvgPool(new GlobalAvgPoolSpec(), Shape.of(3, 4, 4));
        e = assertThrows(IllegalArgumentException.class,
                () -> global.forward(Tensor.zeros(Shape.of(3, 4, 4)), NO_PARAMS, 0, false));
        assertEquals("globalavgpool: input has shape 3x4x4 but the layer expects N x 3x4x4", e.getMessage());
    }

    @Test
    void invalidPoolingConfigurationsFailAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool(new MaxPoolSpec(ConvGeometry.builder(5).padding(1).build()), Shape.of(1, 2)));
        assertTrue(e.getMessage().contains("kernel [5] spans 5 but the padded input is only 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new AvgPool(new AvgPoolSpec(ConvGeometry.builder(3, 3).stride(1, 0).build(), true), Shape.of(1, 4, 4)));
        assertTrue(e.getMessage().contains("stride must be >= 1, got [1, 0]"), e.getMessage());
    }
}
