package org.convspark.bench;

import java.util.Random;

/** Random inputs for the benchmarks. */
final class BenchData {
    private BenchData() {
    }

    /** {@code n} standard normal floats. */
    static float[] gaussian(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }
}
