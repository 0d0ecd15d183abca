package org.convspark.engine.im2col;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;

/**
 * One spatial axis of a window geometry over a fixed input length, tabulated once so the hot
 * loops do no index arithmetic: for every kernel tap and output position, the input index it
 * reads (or -1 for a zero), and per tap the run of output positions whose tap lands inside the
 * input (the interior, where the index is plain {@code o*s - p + tap*d} and can be streamed).
 */
public final class AxisTaps {
    /** How many axes every caller iterates: 1-D and 2-D inputs get leading axes of length 1. */
    public static final int AXES = 3;

    private final int inputSize;
    private final int outputSize;
    private final int kernel;
    private final int stride;
    private final int[] source;
    private final int[] interiorBegin;
    private final int[] interiorEnd;
    private final int[] interiorFirst;
    private final int[] paddedTaps;

    private AxisTaps(ConvGeometry g, int axis, int inputSize, PaddingMode mode) {
        this.inputSize = inputSize;
        this.outputSize = g.outputSize(axis, inputSize);
        this.kernel = g.kernel(axis);
        this.stride = g.stride(axis);
        this.source = new int[kernel * outputSize];
        this.interiorBegin = new int[kernel];
        this.interiorEnd = new int[kernel];
        this.interiorFirst = new int[kernel];
        this.paddedTaps = new int[outputSize];
        int paddedEnd = inputSize + g.padAfter(axis);
        for (int t = 0; t < kernel; t++) {
            int begin = outputSize;
            int end = outputSize;
            for (int o = 0; o < outputSize; o++) {
                int i = g.inputIndex(axis, o, t);
                source[t * outputSize + o] = mode.sourceIndex(i, inputSize);
                boolean inside = i >= 0 && i < inputSize;
                if (inside && begin == outputSize) {
                    begin = o;
                }
                if (!inside && begin < outputSize && end == outputSize) {
                    end = o;
                }
                if (i < paddedEnd) {
                    paddedTaps[o]++;
                }
            }
            interiorBegin[t] = begin;
            interiorEnd[t] = begin == outputSize ? outputSize : end;
            interiorFirst[t] = begin == outputSize ? 0 : g.inputIndex(axis, begin, t);
        }
    }

    /** An axis of length 1 with a 1-tap kernel: what a 1-D or 2-D input has in front. */
    private AxisTaps() {
        this.inputSize = 1;
        this.outputSize = 1;
        this.kernel = 1;
        this.stride = 1;
        this.source = new int[] {0};
        this.interiorBegin = new int[] {0};
        this.interiorEnd = new int[] {1};
        this.interiorFirst = new int[] {0};
        this.paddedTaps = new int[] {1};
    }

    /**
     * The {@link #AXES} axes (depth, height, width) of {@code geometry} over {@code inputSpatial},
     * missing leading axes filled with length-1 axes. Validates the input size against the
     * geometry (kernel larger than padded input, pad widths the mode cannot serve).
     */
    public static AxisTaps[] of(ConvGeometry geometry, int[] inputSpatial, PaddingMode mode) {
        geometry.outputSpatial(inputSpatial);
        AxisTaps[] axes = new AxisTaps[AXES];
        int lead = AXES - geometry.dims();
        for (int a = 0; a < AXES; a++) {
            axes[a] = a < lead ? new AxisTaps() : new AxisTaps(geometry, a - lead, inputSpatial[a - lead], mode);
        }
        return axes;
    }

    /** The product of {@code size} over {@code axes}: a volume (input plane, kernel, output plane). */
    public static int volume(AxisTaps[] axes, java.util.function.ToIntFunction<AxisTaps> size) {
        int v = 1;
        for (AxisTaps a : axes) {
            v *= size.applyAsInt(a);
        }
        return v;
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return outputSize;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    /** Input index read by tap {@code t} at output {@code o}, or -1 when it reads zero. */
    public int source(int t, int o) {
        return source[t * outputSize + o];
    }

    /** First output position whose tap {@code t} lies inside the input ({@code outputSize} if none). */
    public int interiorBegin(int t) {
        return interiorBegin[t];
    }

    /** One past the last output position of the interior run of tap {@code t}. */
    public int interiorEnd(int t) {
        return interiorEnd[t];
    }

    /** Input index tap {@code t} reads at {@link #interiorBegin}; later ones follow at the stride. */
    public int interiorFirst(int t) {
        return interiorFirst[t];
    }

    /** Taps of output {@code o}'s window that lie inside input plus padding (the last window can be cut). */
    public int paddedTaps(int o) {
        return paddedTaps[o];
    }
}
