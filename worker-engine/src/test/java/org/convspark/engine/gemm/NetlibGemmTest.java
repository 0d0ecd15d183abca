package org.convspark.engine.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NetlibGemmTest {

    /** Row-major reference with double accumulation. */
    private static float[] reference(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int lda,
                                     float[] b, int ldb, float beta, float[] c0, int ldc) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = ta ? a[p * lda + i] : a[i * lda + p];
                    float bv = tb ? b[j * ldb + p] : b[p * ldb + j];
                    s += (double) av * bv;
                }
                c[i * ldc + j] = (float) (alpha * s + beta * c0[i * ldc + j]);
            }
        }
        return c;
    }

    @Test
    void everyTransposeCombinationMatchesTheRowMajorDefinition() {
        Random rng = new Random(7);
        for (Gemm gemm : new Gemm[] {NetlibGemm.best(), NetlibGemm.javaOnly()}) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                int m = 5, n = 7, k = 3;
                int lda = (ta ? m : k) + 2;
                int ldb = (tb ? k : n) + 1;
                int ldc = n + 3;
                float[] a = random(rng, (ta ? k : m) * lda);
                float[] b = random(rng, (tb ? n : k) * ldb);
                float[] c = random(rng, m * ldc);
                float[] expected = reference(ta, tb, m, n, k, 0.5f, a, lda, b, ldb, 2f, c, ldc);
                gemm.sgemm(ta, tb, m, n, k, 0.5f, a, 0, lda, b, 0, ldb, 2f, c, 0, ldc);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(expected[i * ldc + j], c[i * ldc + j], 1e-5,
                                gemm.name() + " ta=" + ta + " tb=" + tb + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void offsetsAddressSubMatrices() {
        Random rng = new Random(3);
        float[] a = random(rng, 20);
        float[] b = random(rng, 20);
        float[] c = new float[10];
        NetlibGemm.best().sgemm(false, false, 2, 2, 2, 1f, a, 4, 2, b, 6, 2, 0f, c, 3, 2);
        float[] expected = reference(false, false, 2, 2, 2, 1f, java.util.Arrays.copyOfRange(a, 4, 8), 2,
                java.util.Arrays.copyOfRange(b, 6, 10), 2, 0f, new float[4], 2);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], c[3 + i], 1e-5);
        }
        assertEquals(0f, c[0]);
        assertEquals(0f, c[9]);
    }

    private static float[] random(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
