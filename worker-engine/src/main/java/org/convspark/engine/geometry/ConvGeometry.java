package org.convspark.engine.geometry;

import java.util.Arrays;

/**
 * The window of a convolution or pooling layer over 1, 2 or 3 spatial dimensions: kernel,
 * stride, padding (resolved to widths before and after), dilation, groups, padding mode and
 * ceil mode. The output-size arithmetic lives here only; conv, pooling and the receptive-field
 * report all ask this class.
 *
 * <p>Construction validates everything that does not depend on the input size; {@link
 * #outputSpatial(int[])} validates the rest (kernel larger than padded input, pad widths the
 * padding mode cannot serve).
 */
public final class ConvGeometry {
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    private final int[] padBefore;
    private final int[] padAfter;
    private final int groups;
    private final PaddingMode paddingMode;
    private final boolean ceilMode;

    private ConvGeometry(Builder b) {
        int dims = b.kernel == null ? 0 : b.kernel.length;
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("kernel must have 1, 2 or 3 spatial dimensions, got "
                    + (b.kernel == null ? "none" : Arrays.toString(b.kernel)));
        }
        this.kernel = positive("kernel", b.kernel, dims);
        this.stride = positive("stride", b.stride == null ? new int[] {1} : b.stride, dims);
        this.dilation = positive("dilation", b.dilation == null ? new int[] {1} : b.dilation, dims);
        if (b.groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + b.groups);
        }
        this.groups = b.groups;
        this.paddingMode = b.paddingMode;
        this.ceilMode = b.ceilMode;
        Padding padding = b.padding == null ? Padding.of(0) : b.padding;
        this.padBefore = new int[dims];
        this.padAfter = new int[dims];
        for (int i = 0; i < dims; i++) {
            int span = dilation[i] * (kernel[i] - 1);
            switch (padding.rule()) {
                case VALID:
                    break;
                case FULL:
                    padBefore[i] = span;
                    padAfter[i] = span;
                    break;
                case SAME:
                    if (stride[i] != 1) {
                        throw new IllegalArgumentException("padding \"same\" needs stride 1, got stride "
                                + Arrays.toString(stride));
                    }
                    padBefore[i] = span / 2;
                    padAfter[i] = span - span / 2;
                    break;
                case EXPLICIT:
                    padBefore[i] = padding.explicitBefore(dims)[i];
                    padAfter[i] = padding.explicitAfter(dims)[i];
                    if (padBefore[i] < 0 || padAfter[i] < 0) {
                        throw new IllegalArgumentException("padding must be >= 0, got " + padding);
                    }
                    break;
                default:
                    throw new AssertionError(padding.rule());
            }
        }
    }

    private static int[] positive(String name, int[] values, int dims) {
        int[] v;
        if (values.length == dims) {
            v = values.clone();
        } else if (values.length == 1) {
            v = new int[dims];
            Arrays.fill(v, values[0]);
        } else {
            throw new IllegalArgumentException(name + " has " + values.length + " values "
                    + Arrays.toString(values) + " for " + dims + " spatial dimensions");
        }
        for (int x : v) {
            if (x < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + Arrays.toString(values));
            }
        }
        return v;
    }

    public static Builder builder(int... kernel) {
        return new Builder(kernel);
    }

    public int dims() {
        return kernel.length;
    }

    public int kernel(int i) {
        return kernel[i];
    }

    public int stride(int i) {
        return stride[i];
    }

    public int dilation(int i) {
        return dilation[i];
    }

    public int padBefore(int i) {
        return padBefore[i];
    }

    public int padAfter(int i) {
        return padAfter[i];
    }

    /** No padding on any side of any dimension. */
    public boolean unpadded() {
        for (int i = 0; i < padBefore.length; i++) {
            if (padBefore[i] != 0 || padAfter[i] != 0) {
                return false;
            }
        }
        return true;
    }

    public int[] kernel() {
        return kernel.clone();
    }

    public int[] stride() {
        return stride.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    public int[] padBefore() {
        return padBefore.clone();
    }

    public int[] padAfter() {
        return padAfter.clone();
    }

    public int groups() {
        return groups;
    }

    public PaddingMode paddingMode() {
        return paddingMode;
    }

    public boolean ceilMode() {
        return ceilMode;
    }

    /** Number of taps in one window: the product of the kernel sizes. */
    public int kernelVolume() {
        int v = 1;
        for (int k : kernel) {
            v *= k;
        }
        return v;
    }

    /** Extent of a dilated kernel in dimension {@code i}: d(k-1)+1. */
    public int effectiveKernel(int i) {
        return dilation[i] * (kernel[i] - 1) + 1;
    }

    /**
     * The padded input coordinate that tap {@code tap} of output position {@code o} reads along
     * dimension {@code i}: o*s - p_before + tap*d (negative or >= n means inside the padding).
     */
    public int inputIndex(int i, int o, int tap) {
        return o * stride[i] - padBefore[i] + tap * dilation[i];
    }

    /**
     * Output length along dimension {@code i} for input length {@code n}:
     * floor((n + p_before + p_after - d(k-1) - 1) / s) + 1, or with ceil mode the ceiling, minus
     * one when the last window would start inside the trailing padding (PyTorch's rule).
     */
    public int outputSize(int i, int n) {
        int padded = n + padBefore[i] + padAfter[i];
        int span = effectiveKernel(i);
        if (span > padded) {
            throw new IllegalArgumentException("kernel " + Arrays.toString(kernel)
                    + (dilation[i] > 1 ? " with dilation " + Arrays.toString(dilation) : "")
                    + " spans " + span + " but the padded input is only " + padded
                    + " in spatial dimension " + i + " (input " + n + ", padding "
                    + padBefore[i] + "+" + padAfter[i] + ")");
        }
        int room = padded - span;
        int out;
        if (ceilMode) {
            out = (room + stride[i] - 1) / stride[i] + 1;
            if ((out - 1) * stride[i] >= n + padBefore[i]) {
                out--;
            }
        } else {
            out = room / stride[i] + 1;
        }
        return out;
    }

    /**
     * Output spatial sizes for the given input spatial sizes; also refuses pad widths the
     * padding mode cannot serve (reflect needs pad < n, circular pad <= n, as in PyTorch).
     */
    public int[] outputSpatial(int[] inputSpatial) {
        if (inputSpatial.length != kernel.length) {
            throw new IllegalArgumentException("input has " + inputSpatial.length + " spatial dimensions "
                    + Arrays.toString(inputSpatial) + " but the kernel " + Arrays.toString(kernel) + " has "
                    + kernel.length);
        }
        int[] out = new int[kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            int n = inputSpatial[i];
            if (n < 1) {
                throw new IllegalArgumentException("input size must be >= 1 in every spatial dimension, got "
                        + Arrays.toString(inputSpatial));
            }
            int pad = Math.max(padBefore[i], padAfter[i]);
            if (paddingMode == PaddingMode.REFLECT && pad >= n) {
                throw new IllegalArgumentException("reflect padding " + pad + " must be smaller than the input size "
                        + n + " in spatial dimension " + i);
            }
            if (paddingMode == PaddingMode.CIRCULAR && pad > n) {
                throw new IllegalArgumentException("circular padding " + pad + " must not exceed the input size "
                        + n + " in spatial dimension " + i);
            }
            out[i] = outputSize(i, n);
        }
        return out;
    }

    /**
     * The per-sample output shape {@code channels, outputSpatial(input spatial...)} for a
     * per-sample input {@code C, spatial...}.
     */
    public org.convspark.engine.tensor.Shape outputSpatialShape(int channels, org.convspark.engine.tensor.Shape input) {
        int[] spatial = outputSpatial(input.last(kernel.length));
        int[] dims = new int[spatial.length + 1];
        dims[0] = channels;
        System.arraycopy(spatial, 0, dims, 1, spatial.length);
        return org.convspark.engine.tensor.Shape.of(dims);
    }

    /** Value equality over the resolved fields (two requests resolving alike are equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConvGeometry g && Arrays.equals(g.kernel, kernel) && Arrays.equals(g.stride, stride)
                && Arrays.equals(g.dilation, dilation) && Arrays.equals(g.padBefore, padBefore)
                && Arrays.equals(g.padAfter, padAfter) && g.groups == groups && g.paddingMode == paddingMode
                && g.ceilMode == ceilMode;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(Arrays.hashCode(kernel), Arrays.hashCode(stride), Arrays.hashCode(dilation),
                Arrays.hashCode(padBefore), Arrays.hashCode(padAfter), groups, paddingMode, ceilMode);
    }

    @Override
    public String toString() {
        return "kernel=" + Arrays.toString(kernel) + " stride=" + Arrays.toString(stride)
                + " padding=" + Arrays.toString(padBefore)
                + (Arrays.equals(padBefore, padAfter) ? "" : "/" + Arrays.toString(padAfter))
                + " dilation=" + Arrays.toString(dilation) + " groups=" + groups
                + " padding_mode=" + paddingMode.specName() + (ceilMode ? " ceil_mode" : "");
    }

    /** Builder: kernel is required; everything else has PyTorch's default. */
    public static final class Builder {
        private final int[] kernel;
        private int[] stride;
        private int[] dilation;
        private Padding padding;
        private int groups = 1;
        private PaddingMode paddingMode = PaddingMode.ZEROS;
        private boolean ceilMode;

        private Builder(int[] kernel) {
            this.kernel = kernel == null ? null : kernel.clone();
        }

        public Builder stride(int... s) {
            this.stride = s.clone();
            return this;
        }

        public Builder dilation(int... d) {
            this.dilation = d.clone();
            return this;
        }

        public Builder padding(int... p) {
            this.padding = Padding.of(p);
            return this;
        }

        public Builder padding(Padding p) {
            this.padding = p;
            return this;
        }

        public Builder groups(int g) {
            this.groups = g;
            return this;
        }

        public Builder paddingMode(PaddingMode m) {
            this.paddingMode = m;
            return this;
        }

        public Builder ceilMode(boolean c) {
            this.ceilMode = c;
            return this;
        }

        /** Builds and validates; a bad field is named in the exception. */
        public ConvGeometry build() {
            return new ConvGeometry(this);
        }
    }
}
