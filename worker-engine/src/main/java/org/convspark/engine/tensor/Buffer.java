package org.convspark.engine.tensor;

/**
 * A reusable scratch array that grows to the largest size asked for and is then kept, so the
 * hot loop allocates only on the first batch (or when the batch grows).
 */
public final class Buffer {
    private float[] array = new float[0];

    /** An array of at least {@code n} floats; its contents are unspecified. */
    public float[] get(int n) {
        if (array.length < n) {
            array = new float[n];
        }
        return array;
    }

    /** An array of at least {@code n} floats whose first {@code n} are zero. */
    public float[] zeroed(int n) {
        float[] a = get(n);
        java.util.Arrays.fill(a, 0, n, 0f);
        return a;
    }
}
