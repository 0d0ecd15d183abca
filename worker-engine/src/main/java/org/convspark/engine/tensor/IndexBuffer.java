package org.convspark.engine.tensor;

/** The {@code int} twin of {@link Buffer}: reusable scratch indices (max-pool argmax, masks). */
public final class IndexBuffer {
    private int[] array = new int[0];

    /** An array of at least {@code n} ints; its contents are unspecified. */
    public int[] get(int n) {
        if (array.length < n) {
            array = new int[n];
        }
        return array;
    }
}
