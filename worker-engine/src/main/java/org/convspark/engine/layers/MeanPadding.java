package org.convspark.engine.layers;

import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Padding with mean values over a batch {@code N, C, spatial...} (1 to 3 spatial dimensions): the
 * padded copy holds the input inside and, everywhere in the border, that sample's channel mean
 * over its spatial extent. Backward returns the interior of the padded gradient plus, for every
 * input element of a channel, the border's gradient sum over the spatial size (each border value
 * is the mean, so each input element receives 1/S of it). Reusable buffers, one instance per
 * thread, as a {@link Layer}.
 */
final class MeanPadding {
    private final int channels;
    private final int[] in;
    private final int[] out;
    private final int[] before;
    private final int inSize;
    private final int outSize;
    /** For each padded position, the input position it copies, or -1 in the border. */
    private final int[] source;
    private final Buffer padded = new Buffer();
    private final Buffer gradInput = new Buffer();

    MeanPadding(Shape input, int[] before, int[] after) {
        this.channels = input.dim(0);
        int dims = input.rank() - 1;
        this.in = new int[dims];
        this.out = new int[dims];
        this.before = before.clone();
        int inCount = 1;
        int outCount = 1;
        for (int d = 0; d < dims; d++) {
            in[d] = input.dim(d + 1);
            out[d] = in[d] + before[d] + after[d];
            inCount *= in[d];
            outCount *= out[d];
        }
        this.inSize = inCount;
        this.outSize = outCount;
        this.source = new int[outSize];
        int[] at = new int[dims];
        for (int o = 0; o < outSize; o++) {
            int rest = o;
            int s = 0;
            boolean inside = true;
            for (int d = dims - 1; d >= 0; d--) {
                at[d] = rest % out[d] - this.before[d];
                rest /= out[d];
                inside &= at[d] >= 0 && at[d] < in[d];
            }
            if (inside) {
                for (int d = 0; d < dims; d++) {
                    s = s * in[d] + at[d];
                }
            }
            source[o] = inside ? s : -1;
        }
    }

    /** The per-sample shape of the padded copy. */
    Shape paddedShape() {
        int[] dims = new int[in.length + 1];
        dims[0] = channels;
        for (int d = 0; d < in.length; d++) {
            dims[d + 1] = out[d];
        }
        return Shape.of(dims);
    }

    Tensor forward(Tensor input) {
        int planes = input.shape().dim(0) * channels;
        float[] x = input.data();
        float[] y = padded.get(planes * outSize);
        for (int p = 0; p < planes; p++) {
            int xAt = p * inSize;
            double sum = 0;
            for (int i = 0; i < inSize; i++) {
                sum += x[xAt + i];
            }
            float mean = (float) (sum / inSize);
            int yAt = p * outSize;
            for (int o = 0; o < outSize; o++) {
                int s = source[o];
                y[yAt + o] = s < 0 ? mean : x[xAt + s];
            }
        }
        return new Tensor(y, paddedShape().prepend(input.shape().dim(0)));
    }

    Tensor backward(Tensor gradPadded, Shape inputBatchShape) {
        int planes = inputBatchShape.dim(0) * channels;
        float[] g = gradPadded.data();
        float[] dx = gradInput.get(planes * inSize);
        for (int p = 0; p < planes; p++) {
            int gAt = p * outSize;
            int xAt = p * inSize;
            double border = 0;
            for (int o = 0; o < outSize; o++) {
                int s = source[o];
                if (s < 0) {
                    border += g[gAt + o];
                } else {
                    dx[xAt + s] = g[gAt + o];
                }
            }
            float share = (float) (border / inSize);
            for (int i = 0; i < inSize; i++) {
                dx[xAt + i] += share;
            }
        }
        return new Tensor(dx, inputBatchShape);
    }
}
