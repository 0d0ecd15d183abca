package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.convspark.engine.spec.FlattenSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class FlattenTest {
    private final Flatten layer = new Flatten(new FlattenSpec(), Shape.of(2, 3, 4));

    @Test
    void forwardAndBackwardAreViewsOfTheSameArray() {
        float[] data = new float[5 * 24];
        Tensor out = layer.forward(new Tensor(data, Shape.of(5, 2, 3, 4)), new float[0], 0, true);
        assertSame(data, out.data());
        assertEquals(Shape.of(5, 24), out.shape());
        float[] grad = new float[5 * 24];
        Tensor back = layer.backward(new Tensor(grad, Shape.of(5, 24)), new float[0], 0, new float[0]);
        assertSame(grad, back.data());
        assertEquals(Shape.of(5, 2, 3, 4), back.shape());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        float[] x = new float[3 * 24];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        GradientCheck.of(layer).check(new Tensor(x, Shape.of(3, 2, 3, 4)), new float[0], 5);
    }
}
