package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.convspark.engine.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);

    @Test
    void lossIsTheSumOfPerSampleNegativeLogLikelihoods() {
        float[] logits = {1, 2, 3, /* */ 0.5f, 0.5f, -1};
        BatchResult r = loss.loss(new Tensor(logits, Shape.of(2, 3)), new int[] {9, 2, 0}, 1);
        double first = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        double second = Math.log(2 * Math.exp(0.5) + Math.exp(-1)) - 0.5;
        assertEquals(first + second, r.lossSum(), 1e-12);
        // Sample 2 ties between classes 0 and 1: the first maximum wins, as in PyTorch's argmax.
        assertEquals(2, r.correct());
        assertEquals(2, r.count());
    }

    @Test
    void hugeLogitsNeitherOverflowNorLoseTheAnswer() {
        float[] logits = {1000, 0, -1000};
        Tensor t = new Tensor(logits, Shape.of(1, 3));
        assertEquals(1000, loss.loss(t, new int[] {1}, 0).lossSum(), 1e-9);
        assertEquals(0, loss.loss(t, new int[] {0}, 0).lossSum(), 1e-12);
        float[] p = new float[3];
        loss.probabilities(t, p, 0);
        assertEquals(1f, p[0]);
        assertEquals(0f, p[2]);
    }

    @Test
    void gradientIsSoftmaxMinusOneHotPerSample() {
        float[] logits = {1, 2, 3};
        loss.lossAndGradient(new Tensor(logits, Shape.of(1, 3)), new int[] {0}, 0);
        float[] g = loss.gradient().toArray();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(1) / z - 1, g[0], 1e-7);
        assertEquals(Math.exp(2) / z, g[1], 1e-7);
        assertEquals(Math.exp(3) / z, g[2], 1e-7);
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheLossSum() {
        int n = 5;
        SoftmaxCrossEntropy five = new SoftmaxCrossEntropy(5);
        Random rng = new Random(4);
        float[] logits = new float[n * 5];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * rng.nextGaussian());
        }
        int[] labels = {0, 4, 2, 2, 1};
        Shape shape = Shape.of(n, 5);
        five.lossAndGradient(new Tensor(logits, shape), labels, 0);
        float[] analytic = five.gradient().toArray();
        FiniteDifferences.forFloat().check("dLoss/dLogits", logits, logits.length, analytic,
                () -> five.loss(new Tensor(logits, shape), labels, 0).lossSum(), 1);
    }

    @Test
    void probabilitiesSumToOne() {
        float[] logits = {0.1f, -2f, 4f, 3f, 3f, 3f};
        float[] p = new float[8];
        loss.probabilities(new Tensor(logits, Shape.of(2, 3)), p, 2);
        assertEquals(1, p[2] + p[3] + p[4], 1e-6);
        assertEquals(1 / 3f, p[5], 1e-7);
    }

    @Test
    void labelOutsideTheClassesIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.loss(new Tensor(new float[6], Shape.of(2, 3)), new int[] {0, 3}, 0));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("[0, 3)"), e.getMessage());
    }
}
