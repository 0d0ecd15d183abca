package org.convspark.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API Adam update gives the scalar loop's bits: every task of a barrier round steps its
 * own copy of the parameters, and a path that differed by an ulp would let the copies drift apart.
 * Random magnitudes over 14 decades, signed zeros, denormals, infinities and NaN, with and without
 * weight decay, over 50 consecutive steps (the state feeds back).
 */
class AdamKernelTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL, 1e-30f, 3.4e38f,
            Float.POSITIVE_INFINITY, Float.NaN};

    @Test
    void vectorAndScalarUpdatesAgreeBitForBit() {
        Random random = new Random(12);
        for (double decay : new double[] {0, 5e-4}) {
            int n = 1003;
            float[] params = values(random, n);
            float[] gradient = values(random, n);
            float[] m = new float[n];
            float[] v = new float[n];
            float[] p2 = params.clone();
            float[] m2 = m.clone();
            float[] v2 = v.clone();
            for (int step = 0; step < 50; step++) {
                double t = step + 1.0;
                double stepSize = 0.004 / (1 - StrictMath.pow(0.9, t));
                double correction = Math.sqrt(1 - StrictMath.pow(0.999, t));
                float scale = step % 7 == 0 ? 0.37f : 1f;
                int done = AdamKernel.update(params, gradient, scale, decay, m, v, 0.9, 0.999, stepSize, correction,
                        1e-8);
                Adam.scalarUpdate(params, gradient, scale, decay, m, v, 0.9, 0.999, stepSize, correction, 1e-8, done);
                Adam.scalarUpdate(p2, gradient, scale, decay, m2, v2, 0.9, 0.999, stepSize, correction, 1e-8, 0);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(p2[i]), Float.floatToRawIntBits(params[i]),
                            "parameter " + i + " at step " + step + ": " + p2[i] + " vs " + params[i]);
                    assertEquals(Float.floatToRawIntBits(m2[i]), Float.floatToRawIntBits(m[i]), "m " + i);
                    assertEquals(Float.floatToRawIntBits(v2[i]), Float.floatToRawIntBits(v[i]), "v " + i);
                }
                gradient = values(random, n);
            }
        }
    }

    private static float[] values(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < SPECIAL.length ? SPECIAL[i]
                    : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(14) - 9));
        }
        return values;
    }
}
