package org.convspark.engine.im2col;

import java.util.Arrays;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.tensor.Buffer;

/**
 * im2col and col2im for one sample {@code C, spatial...} of a fixed shape. The column matrix has
 * {@code C * kernelVolume} rows ordered {@code (c, kernel taps...)} row-major, so the rows of
 * channel group {@code g} are one contiguous block, and a column per output position. Its rows
 * may be wider than one sample's columns ({@code ld}), so several samples can sit side by side.
 *
 * <p>Both directions walk the same traversal. Along the innermost axis the interior run of each
 * tap is streamed and only the border positions go through the padding-mode table. Most runs
 * are 10-32 floats, so per-run overhead is what this costs; where strides are 1 along height
 * and width, the runs of a tap are made one contiguous range in the input and in the column row
 * ("swept" as one copy, border positions patched afterwards):
 * <ul>
 *   <li>when the output is as wide as the input (the "same" 3x3 and 5x5 layers), as they are;
 *   <li>when the width has no padding (LeNet's 14x14 -> 10x10), by giving each output row the
 *       input's width in the column matrix: {@link #columns()} then exceeds {@link #positions()}
 *       by {@code inputWidth - outputWidth} slack columns per row. im2col fills them with finite
 *       values (input values or zeros); col2im needs them zero, which they are in
 *       {@code W^T D} when {@code D} came from {@link #fromPlanes}. Callers move GEMM results to
 *       and from output planes with {@link #toPlanes} and {@link #fromPlanes}.
 * </ul>
 *
 * <p>An instance keeps two plane-sized scratch arrays for col2im, so it is not thread-safe: one
 * per layer instance, like the layers themselves.
 */
public final class Im2Col {
    private final AxisTaps depth;
    private final AxisTaps height;
    private final AxisTaps width;
    private final int channels;
    private final int inputPlane;
    private final int kernelVolume;
    private final int positions;
    private final boolean zeros;
    private final boolean sweeps;
    /** Floats per output row in the column matrix: the output width, or the input width when swept. */
    private final int rowStride;
    private final int columns;
    /** col2im accumulates one channel plane here, indexed like the plane (see {@link #col2im}). */
    private final Buffer accumulator = new Buffer();
    private final Buffer sweepCopy = new Buffer();

    /** Validates {@code inputSpatial} against {@code geometry} (kernel too large, pad the mode cannot serve). */
    public Im2Col(ConvGeometry geometry, int channels, int[] inputSpatial) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        AxisTaps[] axes = AxisTaps.of(geometry, inputSpatial, geometry.paddingMode());
        this.depth = axes[0];
        this.height = axes[1];
        this.width = axes[2];
        this.channels = channels;
        this.inputPlane = AxisTaps.volume(axes, AxisTaps::inputSize);
        this.kernelVolume = AxisTaps.volume(axes, AxisTaps::kernel);
        this.positions = AxisTaps.volume(axes, AxisTaps::outputSize);
        this.zeros = geometry.paddingMode() == PaddingMode.ZEROS;
        boolean widthBorders = false;
        for (int t = 0; t < width.kernel(); t++) {
            widthBorders |= width.interiorBegin(t) > 0 || width.interiorEnd(t) < width.outputSize();
        }
        this.sweeps = width.stride() == 1 && height.stride() == 1
                && (width.outputSize() == width.inputSize() || !widthBorders && width.outputSize() < width.inputSize());
        this.rowStride = sweeps ? width.inputSize() : width.outputSize();
        this.columns = depth.outputSize() * height.outputSize() * rowStride;
    }

    /** Rows of the column matrix: channels times kernel volume. */
    public int rows() {
        return channels * kernelVolume;
    }

    /** Columns of one sample's column matrix: {@link #positions()}, plus slack columns when swept with slack. */
    public int columns() {
        return columns;
    }

    /** Output positions of one sample (the output plane's size). */
    public int positions() {
        return positions;
    }

    /** Output rows per sample ({@code outputDepth * outputHeight}): the units a sample's columns can be split into. */
    public int runs() {
        return depth.outputSize() * height.outputSize();
    }

    /** Columns of output rows {@code [runBegin, runEnd)} of one sample. */
    public int columns(int runBegin, int runEnd) {
        return (runEnd - runBegin) * rowStride;
    }

    /** Whether {@link #columns()} exceeds {@link #positions()}, so GEMM results need {@link #toPlanes}. */
    public boolean hasSlack() {
        return columns != positions;
    }

    /** Whether rows are swept (copied as whole ranges, cheap to rebuild) rather than gathered run by run. */
    public boolean swept() {
        return sweeps;
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
        im2col(x, xOffset, col, colOffset, ld, 0, runs());
    }

    /**
     * As {@link #im2col(float[], int, float[], int, int)} for output rows {@code [runBegin, runEnd)}
     * only, their {@link #columns(int, int)} columns starting at {@code colOffset}: a tile of a
     * sample too large to keep in cache whole.
     */
    public void im2col(float[] x, int xOffset, float[] col, int colOffset, int ld, int runBegin, int runEnd) {
        requireRange(ld, runBegin, runEnd);
        int row = colOffset;
        for (int c = 0; c < channels; c++) {
            int plane = xOffset + c * inputPlane;
            for (int kd = 0; kd < depth.kernel(); kd++) {
                for (int kh = 0; kh < height.kernel(); kh++) {
                    for (int kw = 0; kw < width.kernel(); kw++, row += ld) {
                        gatherRow(x, plane, kd, kh, kw, col, row, runBegin, runEnd);
                    }
                }
            }
        }
    }

    /**
     * Adds the column matrix {@code col} back into sample {@code dx[dxOffset...]}: every entry goes
     * to the input pixel it was gathered from (padded copies to their source, zeros nowhere). The
     * adjoint of {@link #im2col}. Slack columns, if any, must hold zeros.
     */
    public void col2im(float[] col, int colOffset, float[] dx, int dxOffset) {
        col2im(col, colOffset, columns, dx, dxOffset);
    }

    /**
     * As {@link #col2im(float[], int, float[], int)}, from a matrix whose rows are {@code ld} floats
     * apart. With sweeps each channel plane is accumulated in a scratch plane indexed like the
     * plane: HotSpot 17 vectorizes {@code a[i] += b[i]} but not {@code a[i + s] += b[i + t]}
     * (measured 0.04 vs 0.42 ns per float), so a swept range is first copied to the same indices
     * and then added.
     */
    public void col2im(float[] col, int colOffset, int ld, float[] dx, int dxOffset) {
        col2im(col, colOffset, ld, dx, dxOffset, 0, runs());
    }

    /** As {@link #col2im(float[], int, int, float[], int)} for the columns of output rows {@code [runBegin, runEnd)}. */
    public void col2im(float[] col, int colOffset, int ld, float[] dx, int dxOffset, int runBegin, int runEnd) {
        requireRange(ld, runBegin, runEnd);
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
                        scatterRow(col, row, kd, kh, kw, acc, sweeps ? 0 : plane, copy, runBegin, runEnd);
                    }
                }
            }
            if (sweeps) {
                System.arraycopy(acc, 0, dx, plane, inputPlane);
            }
        }
    }

    /**
     * Copies {@code rows} rows of one sample's block of a column-layout matrix ({@code m[mOffset...]},
     * rows {@code ld} apart) into {@code rows} dense output planes at {@code y[yOffset...]},
     * dropping slack columns: how a GEMM result becomes the layer's output.
     */
    public void toPlanes(float[] m, int mOffset, int ld, int rows, float[] y, int yOffset) {
        toPlanes(m, mOffset, ld, rows, y, yOffset, 0, runs());
    }

    /** As {@link #toPlanes(float[], int, int, int, float[], int)} for the columns of output rows {@code [runBegin, runEnd)}. */
    public void toPlanes(float[] m, int mOffset, int ld, int rows, float[] y, int yOffset, int runBegin, int runEnd) {
        movePlanes(m, mOffset, ld, rows, y, yOffset, runBegin, runEnd, true);
    }

    /** The inverse of {@link #toPlanes(float[], int, int, int, float[], int)}, writing zeros into the slack columns. */
    public void fromPlanes(float[] y, int yOffset, int rows, float[] m, int mOffset, int ld) {
        fromPlanes(y, yOffset, rows, m, mOffset, ld, 0, runs());
    }

    /** As {@link #fromPlanes(float[], int, int, float[], int, int)} for output rows {@code [runBegin, runEnd)}. */
    public void fromPlanes(float[] y, int yOffset, int rows, float[] m, int mOffset, int ld, int runBegin, int runEnd) {
        movePlanes(m, mOffset, ld, rows, y, yOffset, runBegin, runEnd, false);
    }

    private void movePlanes(float[] m, int mOffset, int ld, int rows, float[] y, int yOffset, int runBegin, int runEnd,
                            boolean toPlanes) {
        requireRange(ld, runBegin, runEnd);
        int outW = width.outputSize();
        for (int r = 0; r < rows; r++) {
            int plane = yOffset + r * positions + runBegin * outW;
            int matrix = mOffset + r * ld;
            if (!hasSlack()) {
                int length = (runEnd - runBegin) * outW;
                if (toPlanes) {
                    System.arraycopy(m, matrix, y, plane, length);
                } else {
                    System.arraycopy(y, plane, m, matrix, length);
                }
                continue;
            }
            for (int run = runBegin; run < runEnd; run++, plane += outW, matrix += rowStride) {
                if (toPlanes) {
                    System.arraycopy(m, matrix, y, plane, outW);
                } else {
                    System.arraycopy(y, plane, m, matrix, outW);
                    Arrays.fill(m, matrix + outW, matrix + rowStride, 0f);
                }
            }
        }
    }

    private void requireRange(int ld, int runBegin, int runEnd) {
        if (runBegin < 0 || runEnd > runs() || runBegin >= runEnd) {
            throw new IllegalArgumentException("output rows [" + runBegin + ", " + runEnd + ") are not a range of the "
                    + runs() + " output rows");
        }
        if (ld < columns(runBegin, runEnd)) {
            throw new IllegalArgumentException("column matrix row stride " + ld + " is less than its "
                    + columns(runBegin, runEnd) + " columns");
        }
    }

    /**
     * Row {@code (kd, kh, kw)} of one channel, whose plane starts at {@code x[plane]}, for output
     * rows {@code [runBegin, runEnd)}, into {@code col[row...]}.
     */
    private void gatherRow(float[] x, int plane, int kd, int kh, int kw, float[] col, int row, int runBegin, int runEnd) {
        int outH = height.outputSize();
        int hb = height.interiorBegin(kh);
        int he = height.interiorEnd(kh);
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        for (int od = 0; od < depth.outputSize(); od++) {
            int lo = Math.max(0, runBegin - od * outH);
            int hi = Math.min(outH, runEnd - od * outH);
            if (lo >= hi) {
                continue;
            }
            // Where output row oh of this depth slice goes: dst + oh * rowStride, for oh in [lo, hi).
            int dst = row + (od * outH - runBegin) * rowStride;
            int sd = depth.source(kd, od);
            if (sd < 0) {
                Arrays.fill(col, dst + lo * rowStride, dst + hi * rowStride, 0f);
                continue;
            }
            int slice = plane + sd * height.inputSize() * width.inputSize();
            int sweepBegin = Math.max(hb, lo);
            int sweepEnd = Math.min(he, hi);
            if (!sweeps || sweepBegin >= sweepEnd || begin >= end) {
                gatherRuns(x, slice, kh, kw, col, dst, lo, hi);
                continue;
            }
            gatherRuns(x, slice, kh, kw, col, dst, lo, sweepBegin);
            int length = (sweepEnd - 1 - sweepBegin) * rowStride + end - begin;
            int sourceRow = height.interiorFirst(kh) + sweepBegin - hb;
            System.arraycopy(x, slice + sourceRow * width.inputSize() + width.interiorFirst(kw),
                    col, dst + sweepBegin * rowStride + begin, length);
            // The slack keeps what the copy put there (input values, finite whenever the input is),
            // but the copy ends before the last row's.
            Arrays.fill(col, dst + (sweepEnd - 1) * rowStride + width.outputSize(), dst + sweepEnd * rowStride, 0f);
            if (begin > 0 || end < width.outputSize()) {
                for (int oh = sweepBegin; oh < sweepEnd; oh++) {
                    int d = dst + oh * rowStride;
                    if (zeros) {
                        for (int o = 0; o < begin; o++) {
                            col[d + o] = 0f;
                        }
                        for (int o = end; o < width.outputSize(); o++) {
                            col[d + o] = 0f;
                        }
                    } else {
                        gatherBorders(x, slice + height.source(kh, oh) * width.inputSize(), kw, col, d);
                    }
                }
            }
            gatherRuns(x, slice, kh, kw, col, dst, sweepEnd, hi);
        }
    }

    /** Output rows {@code [ohFrom, ohTo)} one run at a time. */
    private void gatherRuns(float[] x, int slice, int kh, int kw, float[] col, int dst, int ohFrom, int ohTo) {
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        int first = width.interiorFirst(kw);
        int stride = width.stride();
        for (int oh = ohFrom; oh < ohTo; oh++) {
            int d = dst + oh * rowStride;
            int sh = height.source(kh, oh);
            if (sh < 0) {
                Arrays.fill(col, d, d + rowStride, 0f);
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
            if (begin > 0 || end < rowStride) {
                gatherBorders(x, line, kw, col, d);
            }
        }
    }

    /**
     * The positions of one output row outside tap {@code tap}'s interior: zeros, or through the
     * padding-mode table; and zeros in its slack.
     */
    private void gatherBorders(float[] x, int line, int tap, float[] col, int d) {
        int outW = width.outputSize();
        for (int o = 0; o < width.interiorBegin(tap); o++) {
            col[d + o] = border(x, line, tap, o);
        }
        for (int o = width.interiorEnd(tap); o < outW; o++) {
            col[d + o] = border(x, line, tap, o);
        }
        Arrays.fill(col, d + outW, d + rowStride, 0f);
    }

    private float border(float[] x, int line, int tap, int o) {
        int s = zeros ? -1 : width.source(tap, o);
        return s < 0 ? 0f : x[line + s];
    }

    /**
     * Row {@code (kd, kh, kw)} of one channel, output rows {@code [runBegin, runEnd)}, from
     * {@code col[row...]} into the channel's plane at {@code acc[plane...]}; with sweeps
     * {@code plane} is 0 and {@code copy} scratch of the plane's size.
     */
    private void scatterRow(float[] col, int row, int kd, int kh, int kw, float[] acc, int plane, float[] copy,
                            int runBegin, int runEnd) {
        int outH = height.outputSize();
        int hb = height.interiorBegin(kh);
        int he = height.interiorEnd(kh);
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        for (int od = 0; od < depth.outputSize(); od++) {
            int lo = Math.max(0, runBegin - od * outH);
            int hi = Math.min(outH, runEnd - od * outH);
            int sd = depth.source(kd, od);
            if (lo >= hi || sd < 0) {
                continue;
            }
            int src = row + (od * outH - runBegin) * rowStride;
            int slice = plane + sd * height.inputSize() * width.inputSize();
            int sweepBegin = Math.max(hb, lo);
            int sweepEnd = Math.min(he, hi);
            if (!sweeps || sweepBegin >= sweepEnd || begin >= end) {
                scatterRuns(col, src, kh, kw, acc, slice, lo, hi);
                continue;
            }
            scatterRuns(col, src, kh, kw, acc, slice, lo, sweepBegin);
            int from = src + sweepBegin * rowStride + begin;
            int length = (sweepEnd - 1 - sweepBegin) * rowStride + end - begin;
            int sourceRow = height.interiorFirst(kh) + sweepBegin - hb;
            int at = slice + sourceRow * width.inputSize() + width.interiorFirst(kw);
            System.arraycopy(col, from, copy, at, length);
            if (begin > 0 || end < width.outputSize()) {
                // Border entries are routed through the table, and their copies inside the swept
                // range (which would land on a neighbouring row) are zeroed before the add. (No
                // layer has both borders and slack; slack is zero by contract and added as is:
                // zeroing it row by row doubled this method's time on LeNet's conv2.)
                for (int oh = sweepBegin; oh < sweepEnd; oh++) {
                    int s = src + oh * rowStride;
                    if (!zeros) {
                        scatterBorders(col, s, kw, acc, slice + height.source(kh, oh) * width.inputSize());
                    }
                    int rowAt = s + at - from;
                    for (int i = Math.max(rowAt, at); i < rowAt + begin; i++) {
                        copy[i] = 0f;
                    }
                    for (int i = rowAt + end; i < Math.min(rowAt + width.outputSize(), at + length); i++) {
                        copy[i] = 0f;
                    }
                }
            }
            for (int i = at; i < at + length; i++) {
                acc[i] += copy[i];
            }
            scatterRuns(col, src, kh, kw, acc, slice, sweepEnd, hi);
        }
    }

    /** Output rows {@code [ohFrom, ohTo)} one run at a time. */
    private void scatterRuns(float[] col, int src, int kh, int kw, float[] acc, int slice, int ohFrom, int ohTo) {
        int begin = width.interiorBegin(kw);
        int end = width.interiorEnd(kw);
        int first = width.interiorFirst(kw);
        int stride = width.stride();
        for (int oh = ohFrom; oh < ohTo; oh++) {
            int sh = height.source(kh, oh);
            if (sh < 0) {
                continue;
            }
            int s = src + oh * rowStride;
            int line = slice + sh * width.inputSize();
            if (stride == 1) {
                int t = line + first - begin;
                for (int o = begin; o < end; o++) {
                    acc[t + o] += col[s + o];
                }
            } else {
                for (int o = begin, target = line + first; o < end; o++, target += stride) {
                    acc[target] += col[s + o];
                }
            }
            if (!zeros && (begin > 0 || end < width.outputSize())) {
                scatterBorders(col, s, kw, acc, line);
            }
        }
    }

    /** The positions of one output row (at {@code col[s...]}) outside tap {@code tap}'s interior, through the padding-mode table. */
    private void scatterBorders(float[] col, int s, int tap, float[] acc, int line) {
        for (int o = 0; o < width.interiorBegin(tap); o++) {
            scatterBorder(col, s, tap, o, acc, line);
        }
        for (int o = width.interiorEnd(tap); o < width.outputSize(); o++) {
            scatterBorder(col, s, tap, o, acc, line);
        }
    }

    private void scatterBorder(float[] col, int s, int tap, int o, float[] acc, int line) {
        int source = width.source(tap, o);
        if (source >= 0) {
            acc[line + source] += col[s + o];
        }
    }
}
