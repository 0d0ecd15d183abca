package org.convspark.engine.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape. Activations are laid out row-major as {@code N, C, spatial...};
 * per-sample shapes drop the leading {@code N}.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": dimension " + i + " is negative");
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements; checked so an oversized shape fails here instead of wrapping around. */
    public int size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + this + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** Elements per sample: the product of every dimension after the first. */
    public int sampleSize() {
        return dropFirst().size();
    }

    public Shape dropFirst() {
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    public Shape prepend(int n) {
        int[] out = new int[dims.length + 1];
        out[0] = n;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return new Shape(out);
    }

    /** The trailing {@code count} dimensions (the spatial ones of a {@code C, spatial...} shape). */
    public int[] last(int count) {
        return Arrays.copyOfRange(dims, dims.length - count, dims.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i]);
        }
        return sb.toString();
    }
}
