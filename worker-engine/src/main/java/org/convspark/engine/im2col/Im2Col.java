package org.convspark.engine.im2col;

import java.util.Arrays;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.tensor.Buffer;

/**
 * im2col and col2im for one sample {@code C, spatial...} of a fixed shape. The column matrix has
 * {@code C * kernelVolume} rows ordered {@code (c, kernel taps...)} row-major, so the rows of
 * channel group {@code g} are one contiguous block, and one column per output position. Its rows
 * may be wider than the sample's columns ({@code ld}), so several samples can sit side by side.
 *
 * <p>Both directions walk the same traversal. Along the innermost axis the interior run of each
 * tap is streamed and only the border positions go through the padding-mode table. When the
 * output has the input's width at stride 1 (the "same" 3x3 and 5x5 layers), the interior rows of
 * a tap are one contiguous range in both the input and the column row, so they move as one
 * stream and the border positions are patched afterwards ("sweeps").
 *
 * <p>An instance keeps two plane-sized scratch arrays for col2im, so it is not thread-safe: one
 * per layer instance, like the layers themselves.
 */
public final class Im2Col {
    private final AxisTaps[] axes;
    private final AxisTaps depth;
    private final AxisTaps height;
    private final AxisTaps width;
    private final int channels;
    private final int inputPlane;
    private final int kernelVolume;
    private final int columns;
    private final boolean zeros;
    private final boolean sweeps;
    /** col2im accumulates one channel plane here, indexed like the plane (see {@link #col2im}). */
    private final Buffer accumulator = new Buffer();
    private final Buffer sweepCopy = new Buffer();

    /** Validates {@code inputSpatial} against {@code geometry} (kernel too large, pad the mode cannot serve). */
    public Im2Col(ConvGeometry geometry, int channels, int[] inputSpatial) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        this.axes = AxisTaps.of(geometry, inputSpatial, geometry.paddingMode());
        this.depth = axes[0];
        this.height = axes[1];
        this.width = axes[2];
        this.channels = channels;
        this.inputPlane = AxisTaps.volume(axes, AxisTaps::inputSize);
        this.kernelVolume = AxisTaps.volume(axes, AxisTaps::kernel);
        this.columns = AxisTaps.volume(axes, AxisTaps::outputSize);
        this.zeros = geometry.paddingMode() == PaddingMode.ZEROS;
        this.sweeps = width.stride() == 1 && height.stride() == 1 && width.outputSize() == width.inputSize();
    }

    /** Rows of the column matrix: channels times kernel volume. */
    public int rows() {
        return channels * kernelVolume;
    }

    /** Columns of the column matrix: the number of output positions. */
    public int columns() {
        return columns;
    }

    /** Floats in one input sample. */
    public int inputSize() {
        return channels * inputPlane;
    }

    /** Writes the {@code rows() x columns()} column matrix of sample {@code x[xOffset...]} into {@code col}. */
    public void im2col(float[] x, int xOffset, float[] col, int colOffset) {
        im2col(x, xOffset, col, colOffset, columns);
    }

    /**
     * As {@link #im2col(float[], int, float[], int)}, into a wider matrix whose rows are {@code ld}
     * floats apart: several samples' columns side by side, so one GEMM covers them all.
     */
    public void im2col(float[] x, int xOffset, float[] col, int colOffset, int ld) {
        requireRowStride(ld);
        int row = colOffset;
        for (int c = 0; c < channels; c++) {
            int plane = xOffset + c * inputPlane;
            for (int kd = 0; kd < depth.kernel(); kd++) {
                for (int kh = 0; kh < height.kernel(); kh++) {
                    for (int kw = 0; kw < width.kernel(); kw++, row += ld) {
                        gatherRow(x, plane, kd, kh, kw, col, row);
                    }
                }
            }
        }
    }

    /**
     * Adds the column matrix {@code col} back into sample {@code dx[dxOffset...]}: every entry goes
     * to the input pixel it was gathered from (padded copies to their source, zeros nowhere).
     * The adjoint of {@link #im2col}.
     */
    public void col2im(float[] col, int colOffset, float[] dx, int dxOffset) {
        col2im(col, colOffset, columns, dx, dxOffset);
    }

    /**
     * As {@link #col2im(float[], int, float[], int)}, from a matrix whose rows are {@code ld} floats
     * apart. Each channel plane is accumulated in a scratch plane indexed like the plane: HotSpot 17
     * vectorizes {@code a[i] += b[i]} but not {@code a[i + s] += b[i + t]} (measured 0.04 vs 0.42
     * ns per float), so a swept run is first copied to the same indices and then added.
     */
    public void col2im(float[] col, int colOffset, int ld, float[] dx, int dxOffset) {
        requireRowStride(ld);
        // Without sweeps the plane copies cost more than they save (up to half the time at stride 2).
        float[] acc = sweeps ? accumulator.get(inputPlane) : dx;
        float[] copy = sweeps ? sweepCopy.get(inputPlane) : null;
        int row = colOffset;
        for (int c = 0; c < channels; c++) {
            int plane = dxOffset + c * inputPlane;
            if (sweeps) {
                System.arraycopy(dx, plane, acc, 0, inputPlane);
            }
            for (int kd = 0; kd < depth.kernel(); kd++) {
                for (int kh = 0; kh < height.kernel(); kh++) {
                    for (int kw = 0; kw < width.kernel(); kw++, row += ld) {
                        scatterRow(col, row, kd, kh, kw, acc, sweeps ? 0 : plane, copy);
                    }
                }
            }
            if (sweeps) {
                System.arraycopy(acc, 0, dx, plane, inputPlane);
            }
        }
    }

    private void requireRowStride(int ld) {
        if (ld < columns) {
            throw new IllegalArgumentException("column matrix row stride " + ld + " is less than its " + columns
                    + " columns");
        }
    }

    /** Row {@code (kd, kh, kw)} of one channel, whose plane starts at {@code x[plane]}, into {@code col[row...]}. */
    private void gatherRow(float[] x, int plane, int kd, int kh, int kw, float[] col, int row) {
        int outW = width.outputSize();
        int block = height.outputSize() * outW;
        int hb = height.interiorBegin(kh);
        int he = height.interiorEnd(kh);
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        boolean sweep = sweeps && hb < he && begin < end;
        int dst = row;
        for (int od = 0; od < depth.outputSize(); od++, dst += block) {
            int sd = depth.source(kd, od);
            if (sd < 0) {
                Arrays.fill(col, dst, dst + block, 0f);
                continue;
            }
            int slice = plane + sd * height.inputSize() * width.inputSize();
            if (!sweep) {
                gatherRuns(x, slice, kh, kw, col, dst, 0, height.outputSize());
                continue;
            }
            gatherRuns(x, slice, kh, kw, col, dst, 0, hb);
            int length = (he - 1 - hb) * outW + end - begin;
            System.arraycopy(x, slice + height.interiorFirst(kh) * width.inputSize() + width.interiorFirst(kw),
                    col, dst + hb * outW + begin, length);
            if (begin > 0 || end < outW) {
                for (int oh = hb; oh < he; oh++) {
                    int line = slice + height.source(kh, oh) * width.inputSize();
                    gatherBorder(x, line, kw, col, dst + oh * outW, 0, begin);
                    gatherBorder(x, line, kw, col, dst + oh * outW, end, outW);
                }
            }
            gatherRuns(x, slice, kh, kw, col, dst, he, height.outputSize());
        }
    }

    /** Output rows {@code [ohFrom, ohTo)} one run at a time. */
    private void gatherRuns(float[] x, int slice, int kh, int kw, float[] col, int dst, int ohFrom, int ohTo) {
        int outW = width.outputSize();
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        int first = width.interiorFirst(kw);
        int stride = width.stride();
        for (int oh = ohFrom; oh < ohTo; oh++) {
            int d = dst + oh * outW;
            int sh = height.source(kh, oh);
            if (sh < 0) {
                Arrays.fill(col, d, d + outW, 0f);
                continue;
            }
            int line = slice + sh * width.inputSize();
            if (stride == 1) {
                System.arraycopy(x, line + first, col, d + begin, end - begin);
            } else {
                for (int o = begin, src = line + first; o < end; o++, src += stride) {
                    col[d + o] = x[src];
                }
            }
            if (begin > 0 || end < outW) {
                gatherBorder(x, line, kw, col, d, 0, begin);
                gatherBorder(x, line, kw, col, d, end, outW);
            }
        }
    }

    /** Positions {@code [from, to)} of a run, outside the interior: zeros, or through the padding-mode table. */
    private void gatherBorder(float[] x, int line, int tap, float[] col, int d, int from, int to) {
        for (int o = from; o < to; o++) {
            int s = zeros ? -1 : width.source(tap, o);
            col[d + o] = s < 0 ? 0f : x[line + s];
        }
    }

    /**
     * Row {@code (kd, kh, kw)} of one channel from {@code col[row...]} into the channel's plane at
     * {@code acc[plane...]}; with sweeps {@code plane} is 0 and {@code copy} scratch of the plane's size.
     */
    private void scatterRow(float[] col, int row, int kd, int kh, int kw, float[] acc, int plane, float[] copy) {
        int outW = width.outputSize();
        int block = height.outputSize() * outW;
        int hb = height.interiorBegin(kh);
        int he = height.interiorEnd(kh);
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        boolean sweep = sweeps && hb < he && begin < end;
        int src = row;
        for (int od = 0; od < depth.outputSize(); od++, src += block) {
            int sd = depth.source(kd, od);
            if (sd < 0) {
                continue;
            }
            int slice = plane + sd * height.inputSize() * width.inputSize();
            if (!sweep) {
                scatterRuns(col, src, kh, kw, acc, slice, 0, height.outputSize());
                continue;
            }
            scatterRuns(col, src, kh, kw, acc, slice, 0, hb);
            int from = src + hb * outW + begin;
            int length = (he - 1 - hb) * outW + end - begin;
            int at = slice + height.interiorFirst(kh) * width.inputSize() + width.interiorFirst(kw);
            System.arraycopy(col, from, copy, at, length);
            if (begin > 0 || end < outW) {
                // Border entries are routed through the table, and their copies inside the swept
                // range (which would land on a neighbouring row) are zeroed before the add.
                for (int oh = hb; oh < he; oh++) {
                    int line = slice + height.source(kh, oh) * width.inputSize();
                    int s = src + oh * outW;
                    scatterBorder(col, s, kw, acc, line, 0, begin, copy, at - from);
                    scatterBorder(col, s, kw, acc, line, end, outW, copy, at - from);
                }
            }
            for (int i = at; i < at + length; i++) {
                acc[i] += copy[i];
            }
            scatterRuns(col, src, kh, kw, acc, slice, he, height.outputSize());
        }
    }

    /** Output rows {@code [ohFrom, ohTo)} one run at a time. */
    private void scatterRuns(float[] col, int src, int kh, int kw, float[] acc, int slice, int ohFrom, int ohTo) {
        int outW = width.outputSize();
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        int first = width.interiorFirst(kw);
        int stride = width.stride();
        for (int oh = ohFrom; oh < ohTo; oh++) {
            int sh = height.source(kh, oh);
            if (sh < 0) {
                continue;
            }
            int s = src + oh * outW;
            int line = slice + sh * width.inputSize();
            int t = line + first - begin * stride;
            if (stride == 1) {
                for (int o = begin; o < end; o++) {
                    acc[t + o] += col[s + o];
                }
            } else {
                for (int o = begin, target = line + first; o < end; o++, target += stride) {
                    acc[target] += col[s + o];
                }
            }
            if (!zeros) {
                scatterBorder(col, s, kw, acc, line, 0, begin, null, 0);
                scatterBorder(col, s, kw, acc, line, end, outW, null, 0);
            }
        }
    }

    /**
     * Positions {@code [from, to)} of a run outside the interior: through the padding-mode table
     * (zeros mode: nowhere). When {@code copy} is given, the entries' copies at {@code index + shift}
     * are zeroed where they fall inside the array.
     */
    private void scatterBorder(float[] col, int s, int tap, float[] acc, int line, int from, int to,
                               float[] copy, int shift) {
        for (int o = from; o < to; o++) {
            if (!zeros) {
                int source = width.source(tap, o);
                if (source >= 0) {
                    acc[line + source] += col[s + o];
                }
            }
            if (copy != null) {
                int i = s + o + shift;
                if (i >= 0 && i < copy.length) {
                    copy[i] = 0f;
                }
            }
        }
    }
}
