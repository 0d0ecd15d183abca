package org.convspark.engine.layers;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.im2col.AxisTaps;

/**
 * The pooling windows of one channel plane, listed once: for output position {@code p} the plane
 * offsets of the real input elements it covers are {@code offset(j)} for {@code j} in
 * {@code [begin(p), begin(p + 1))}, in scan order (so "first maximum" means first in this list).
 * Taps in the padding are left out: max pooling pads with negative infinity, average pooling
 * counts them only through {@link #paddedCount}.
 */
final class PoolWindows {
    private final int[] begin;
    private final int[] offsets;
    private final int[] paddedCount;
    private final int outputPlane;

    PoolWindows(ConvGeometry geometry, int[] inputSpatial) {
        AxisTaps[] axes = AxisTaps.of(geometry, inputSpatial, PaddingMode.ZEROS);
        AxisTaps depth = axes[0];
        AxisTaps height = axes[1];
        AxisTaps width = axes[2];
        int out = AxisTaps.volume(axes, AxisTaps::outputSize);
        this.outputPlane = out;
        this.begin = new int[out + 1];
        this.paddedCount = new int[out];
        int[] list = new int[out * AxisTaps.volume(axes, AxisTaps::kernel)];
        int size = 0;
        int p = 0;
        for (int od = 0; od < depth.outputSize(); od++) {
            for (int oh = 0; oh < height.outputSize(); oh++) {
                for (int ow = 0; ow < width.outputSize(); ow++, p++) {
                    begin[p] = size;
                    paddedCount[p] = depth.paddedTaps(od) * height.paddedTaps(oh) * width.paddedTaps(ow);
                    for (int kd = 0; kd < depth.kernel(); kd++) {
                        int sd = depth.source(kd, od);
                        for (int kh = 0; kh < height.kernel(); kh++) {
                            int sh = height.source(kh, oh);
                            for (int kw = 0; kw < width.kernel(); kw++) {
                                int sw = width.source(kw, ow);
                                if (sd >= 0 && sh >= 0 && sw >= 0) {
                                    list[size++] = (sd * height.inputSize() + sh) * width.inputSize() + sw;
                                }
                            }
                        }
                    }
                }
            }
        }
        begin[out] = size;
        this.offsets = java.util.Arrays.copyOf(list, size);
    }

    int outputPlane() {
        return outputPlane;
    }

    int begin(int p) {
        return begin[p];
    }

    int end(int p) {
        return begin[p + 1];
    }

    int offset(int j) {
        return offsets[j];
    }

    /** Window positions inside input plus padding: the window clipped to the padded input. */
    int paddedCount(int p) {
        return paddedCount[p];
    }
}
