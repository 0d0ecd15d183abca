package org.convspark.engine.testing;

import java.util.Random;

/** Random test data and comparisons with a tolerance that name the worst element. */
public final class TestArrays {
    private TestArrays() {
    }

    /** {@code n} floats uniform in [-1, 1). */
    public static float[] uniform(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    /**
     * {@code n} small integers in [-bound, bound]: products and sums of a few of them are exact in
     * float, so results that only differ in summation order compare bit for bit.
     */
    public static float[] integers(Random rng, int n, int bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextInt(2 * bound + 1) - bound;
        }
        return a;
    }

    /** Dot product of the first {@code n} elements, accumulated in double. */
    public static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Sum of |a_i b_i|: the scale a dot product's rounding error is relative to. */
    public static double dotScale(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs((double) a[i] * b[i]);
        }
        return s;
    }

    /**
     * Asserts {@code |actual_i - expected_i| <= abs + rel |expected_i|} for the first
     * {@code expected.length} elements; the message names {@code what} and the worst element.
     */
    public static void assertClose(String what, double[] expected, float[] actual, double abs, double rel) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            double excess = err - (abs + rel * Math.abs(expected[i]));
            if (!(excess <= 0) && (at < 0 || !(excess <= worst))) {
                worst = excess;
                at = i;
            }
        }
        if (at >= 0) {
            throw new AssertionError(what + ": element " + at + " is " + actual[at] + ", expected " + expected[at]
                    + " (tolerance " + abs + " + " + rel + " * |expected|)");
        }
    }

    public static void assertClose(String what, float[] expected, float[] actual, double abs, double rel) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        assertClose(what, e, actual, abs, rel);
    }

    /**
     * {@code max|a - b| / max|b|}: how far two parameter vectors are apart relative to the
     * reference's scale (the exactness tests' measure: partitions or threads change only rounding).
     */
    public static double relativeDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " elements");
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs((double) a[i] - b[i]));
            scale = Math.max(scale, Math.abs((double) b[i]));
        }
        return diff / scale;
    }
}
