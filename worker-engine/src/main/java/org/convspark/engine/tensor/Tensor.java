package org.convspark.engine.tensor;

/**
 * A float32 tensor: a shape and a row-major backing array. The array may be longer than the
 * shape needs, because layers reuse one buffer across batches of different sizes; only the
 * first {@code shape.size()} elements belong to the tensor.
 */
public final class Tensor {
    private final float[] data;
    private final Shape shape;

    public Tensor(float[] data, Shape shape) {
        if (data.length < shape.size()) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + shape.size()
                    + " floats, array has " + data.length);
        }
        this.data = data;
        this.shape = shape;
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(new float[shape.size()], shape);
    }

    public float[] data() {
        return data;
    }

    public Shape shape() {
        return shape;
    }

    public int size() {
        return shape.size();
    }

    /** Batch size: the leading dimension. */
    public int batch() {
        return shape.dim(0);
    }

    /** A copy trimmed to exactly {@code size()} elements. */
    public float[] toArray() {
        return java.util.Arrays.copyOf(data, shape.size());
    }
}
