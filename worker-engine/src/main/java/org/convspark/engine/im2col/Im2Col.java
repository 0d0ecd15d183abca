package org.convspark.engine.im2col;

import java.util.Arrays;
import org.convspark.engine.geometry.ConvGeometry;

/**
 * im2col and col2im for one sample {@code C, spatial...} of a fixed shape. The column matrix has
 * {@code C * kernelVolume} rows ordered {@code (c, kernel taps...)} row-major, so the rows of
 * channel group {@code g} are one contiguous block, and one column per output position.
 *
 * <p>Both directions walk the same traversal; along the innermost axis the interior run of each
 * tap is streamed (an {@code arraycopy} at stride 1) and only the border positions go through
 * the padding-mode table. Instances hold read-only tables only and may be shared between threads.
 */
public final class Im2Col {
    private final AxisTaps[] axes;
    private final int channels;
    private final int inputPlane;
    private final int kernelVolume;
    private final int columns;

    /** Validates {@code inputSpatial} against {@code geometry} (kernel too large, pad the mode cannot serve). */
    public Im2Col(ConvGeometry geometry, int channels, int[] inputSpatial) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        this.axes = AxisTaps.of(geometry, inputSpatial, geometry.paddingMode());
        this.channels = channels;
        this.inputPlane = AxisTaps.volume(axes, AxisTaps::inputSize);
        this.kernelVolume = AxisTaps.volume(axes, AxisTaps::kernel);
        this.columns = AxisTaps.volume(axes, AxisTaps::outputSize);
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
        traverse(x, xOffset, col, colOffset, false);
    }

    /**
     * Adds the column matrix {@code col} back into sample {@code dx[dxOffset...]}: every entry goes
     * to the input pixel it was gathered from (padded copies to their source, zeros nowhere).
     * The adjoint of {@link #im2col}.
     */
    public void col2im(float[] col, int colOffset, float[] dx, int dxOffset) {
        traverse(dx, dxOffset, col, colOffset, true);
    }

    private void traverse(float[] x, int xOffset, float[] col, int colOffset, boolean scatter) {
        AxisTaps depth = axes[0];
        AxisTaps height = axes[1];
        AxisTaps width = axes[2];
        int rowLength = width.outputSize();
        int dst = colOffset;
        for (int c = 0; c < channels; c++) {
            int plane = xOffset + c * inputPlane;
            for (int kd = 0; kd < depth.kernel(); kd++) {
                for (int kh = 0; kh < height.kernel(); kh++) {
                    for (int kw = 0; kw < width.kernel(); kw++) {
                        for (int od = 0; od < depth.outputSize(); od++) {
                            int sd = depth.source(kd, od);
                            for (int oh = 0; oh < height.outputSize(); oh++, dst += rowLength) {
                                int sh = height.source(kh, oh);
                                if (sd < 0 || sh < 0) {
                                    if (!scatter) {
                                        Arrays.fill(col, dst, dst + rowLength, 0f);
                                    }
                                } else if (scatter) {
                                    scatterRow(col, dst, kw, x, plane + (sd * height.inputSize() + sh) * width.inputSize());
                                } else {
                                    gatherRow(x, plane + (sd * height.inputSize() + sh) * width.inputSize(), kw, col, dst);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void gatherRow(float[] x, int line, int tap, float[] col, int dst) {
        AxisTaps width = axes[2];
        int begin = width.interiorBegin(tap);
        int end = width.interiorEnd(tap);
        gatherBorder(x, line, tap, col, dst, 0, begin);
        int stride = width.stride();
        int src = line + width.interiorFirst(tap);
        if (stride == 1) {
            System.arraycopy(x, src, col, dst + begin, end - begin);
        } else {
            for (int o = begin; o < end; o++, src += stride) {
                col[dst + o] = x[src];
            }
        }
        gatherBorder(x, line, tap, col, dst, end, width.outputSize());
    }

    private void gatherBorder(float[] x, int line, int tap, float[] col, int dst, int from, int to) {
        AxisTaps width = axes[2];
        for (int o = from; o < to; o++) {
            int s = width.source(tap, o);
            col[dst + o] = s < 0 ? 0f : x[line + s];
        }
    }

    private void scatterRow(float[] col, int dst, int tap, float[] dx, int line) {
        AxisTaps width = axes[2];
        int begin = width.interiorBegin(tap);
        int end = width.interiorEnd(tap);
        scatterBorder(col, dst, tap, dx, line, 0, begin);
        int stride = width.stride();
        int target = line + width.interiorFirst(tap);
        for (int o = begin; o < end; o++, target += stride) {
            dx[target] += col[dst + o];
        }
        scatterBorder(col, dst, tap, dx, line, end, width.outputSize());
    }

    private void scatterBorder(float[] col, int dst, int tap, float[] dx, int line, int from, int to) {
        AxisTaps width = axes[2];
        for (int o = from; o < to; o++) {
            int s = width.source(tap, o);
            if (s >= 0) {
                dx[line + s] += col[dst + o];
            }
        }
    }
}
