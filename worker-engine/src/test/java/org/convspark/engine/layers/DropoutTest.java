package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.convspark.engine.spec.DropoutSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static final Shape SAMPLE = Shape.of(4, 25);

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    private static float[] train(double p, long seed, long first, int batch) {
        Dropout layer = new Dropout(new DropoutSpec(p), SAMPLE);
        layer.seedBatch(seed, first);
        return layer.forward(new Tensor(ones(batch * 100), SAMPLE.prepend(batch)), new float[0], 0, true).toArray();
    }

    @Test
    void evaluationIsTheIdentity() {
        Dropout layer = new Dropout(new DropoutSpec(0.5), SAMPLE);
        Tensor x = new Tensor(ones(200), SAMPLE.prepend(2));
        assertSame(x, layer.forward(x, new float[0], 0, false));
        Tensor g = new Tensor(ones(200), SAMPLE.prepend(2));
        assertSame(g, layer.backward(g, new float[0], 0, new float[0]));
    }

    @Test
    void dropsAboutPAndScalesSurvivorsByOneOverOneMinusP() {
        double p = 0.3;
        float[] y = train(p, 42, 0, 100);
        int dropped = 0;
        for (float v : y) {
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals((float) (1 / (1 - p)), v);
            }
        }
        // 10,000 Bernoulli(0.3): standard deviation 46, so 5 sigma is 230.
        assertEquals(3000, dropped, 230);
    }

    @Test
    void masksDependOnlyOnSeedAndGlobalSampleIndex() {
        float[] whole = train(0.5, 7, 10, 6);
        float[] firstHalf = train(0.5, 7, 10, 2);
        float[] secondHalf = train(0.5, 7, 12, 4);
        float[] joined = new float[whole.length];
        System.arraycopy(firstHalf, 0, joined, 0, firstHalf.length);
        System.arraycopy(secondHalf, 0, joined, firstHalf.length, secondHalf.length);
        assertArrayEquals(whole, joined);
        assertFalse(Arrays.equals(whole, train(0.5, 8, 10, 6)), "another seed, another mask");
        float[] shifted = train(0.5, 7, 11, 6);
        assertFalse(Arrays.equals(Arrays.copyOf(whole, 100), Arrays.copyOf(shifted, 100)),
                "another sample, another mask");
    }

    @Test
    void gradientMatchesFiniteDifferencesUnderAFixedMask() {
        Dropout layer = new Dropout(new DropoutSpec(0.4), SAMPLE);
        layer.seedBatch(3, 100);
        float[] x = new float[3 * 100];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i);
        }
        GradientCheck.of(layer).training(true).check(new Tensor(x, SAMPLE.prepend(3)), new float[0], 13);
    }

    @Test
    void trainingWithoutASeedFailsClearly() {
        Dropout layer = new Dropout(new DropoutSpec(0.5), SAMPLE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> layer.forward(new Tensor(ones(100), SAMPLE.prepend(1)), new float[0], 0, true));
        assertTrue(e.getMessage().contains("seedBatch"), e.getMessage());
    }
}
