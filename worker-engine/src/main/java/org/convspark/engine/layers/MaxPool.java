package org.convspark.engine.layers;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.tensor.IndexBuffer;
import org.convspark.engine.tensor.Shape;

/**
 * Max pooling per channel with padding read as negative infinity, dilation and ceil mode. The
 * position of each maximum is kept for backward; ties go to the first maximum in scan order,
 * NaN wins, and a window whose every real element is -inf credits its first real element (all as
 * PyTorch does, whose argmax starts there), so gradients match it element for element.
 *
 * <p>The 2x2 stride-2 pooling of LeNet and VGG (no padding or dilation, every window whole) reads
 * its four inputs directly instead of through the window lists, comparing them without branches
 * (see {@link #forwardPairs}).
 */
public final class MaxPool extends ChannelPool {
    private final PoolWindows windows;
    private final IndexBuffer argmax = new IndexBuffer();
    /** Input row length when the 2x2 stride-2 path applies, else 0. */
    private final int pairsRow;
    private int[] argmaxOfBatch;

    public MaxPool(MaxPoolSpec spec, Shape inputShape) {
        this(spec, inputShape, true);
    }

    /** {@code pairsPath}: whether the 2x2 stride-2 path may be used (tests compare it with the general one). */
    MaxPool(MaxPoolSpec spec, Shape inputShape, boolean pairsPath) {
        super(spec.type(), inputShape, spec.outputShape(inputShape));
        ConvGeometry g = spec.geometry();
        int[] in = inputShape.last(g.dims());
        this.windows = new PoolWindows(g, in);
        boolean pairs = pairsPath && g.dims() == 2 && g.unpadded();
        for (int i = 0; pairs && i < 2; i++) {
            pairs = g.kernel(i) == 2 && g.stride(i) == 2 && g.dilation(i) == 1 && 2 * g.outputSize(i, in[i]) <= in[i];
        }
        this.pairsRow = pairs ? in[1] : 0;
    }

    @Override
    void beginForward(int outputElements) {
        argmaxOfBatch = argmax.get(outputElements);
    }

    @Override
    void forwardPlane(float[] x, int xOffset, float[] y, int yOffset) {
        if (pairsRow > 0) {
            forwardPairs(x, xOffset, y, yOffset);
            return;
        }
        for (int p = 0; p < windows.outputPlane(); p++) {
            float best = Float.NEGATIVE_INFINITY;
            // PyTorch's index before any element beats -inf: the window's first real element.
            int where = windows.begin(p) < windows.end(p) ? windows.offset(windows.begin(p)) : -1;
            for (int j = windows.begin(p); j < windows.end(p); j++) {
                float v = x[xOffset + windows.offset(j)];
                if (v > best || (Float.isNaN(v) && !Float.isNaN(best))) {
                    best = v;
                    where = windows.offset(j);
                }
            }
            y[yOffset + p] = best;
            argmaxOfBatch[yOffset + p] = where;
        }
    }

    /**
     * 2x2 stride 2: the four taps in scan order, under the general path's rules (first maximum,
     * NaN wins). Comparing the floats one by one branches on the data and mispredicts about every
     * other window on random (or ReLU'd) input; here the taps are compared as ordered ints
     * ({@link #key}), which HotSpot turns into conditional moves (paired runs on LeNet's
     * 64x6x28x28: 20-35% less CPU time). The output is read back from the winning tap, so it is
     * that tap's value bit for bit.
     */
    private void forwardPairs(float[] x, int xOffset, float[] y, int yOffset) {
        int outW = pairsRow / 2;
        int outH = windows.outputPlane() / outW;
        int below = pairsRow;
        int diagonal = pairsRow + 1;
        for (int oh = 0, p = yOffset; oh < outH; oh++) {
            int top = 2 * oh * pairsRow;
            for (int ow = 0; ow < outW; ow++, p++) {
                int at = top + 2 * ow;
                int i = xOffset + at;
                int best = key(x[i]);
                int where = 0;
                int k = key(x[i + 1]);
                where = k > best ? 1 : where;
                best = Math.max(best, k);
                k = key(x[i + below]);
                where = k > best ? below : where;
                best = Math.max(best, k);
                where = key(x[i + diagonal]) > best ? diagonal : where;
                y[p] = x[i + where];
                argmaxOfBatch[p] = at + where;
            }
        }
    }

    /**
     * An int ordered as the float comparisons of the general path order {@code v}: -0 and +0
     * equal, every NaN above everything else (so the first NaN wins) and equal to other NaNs.
     */
    static int key(float v) {
        int bits = Float.floatToRawIntBits(v);
        // Negative floats order backwards by their bits; flipping the magnitude bits fixes that,
        // and adding the sign bit back lifts -0 onto +0 (and every other negative by one, harmlessly).
        int ordered = (bits ^ ((bits >> 31) & 0x7fffffff)) + (bits >>> 31);
        int nan = (0x7f800000 - (bits & 0x7fffffff)) >> 31;
        return (ordered & ~nan) | (nan & 0x7fffffff);
    }

    @Override
    void backwardPlane(float[] dy, int dyOffset, float[] dx, int dxOffset) {
        for (int p = 0; p < windows.outputPlane(); p++) {
            int where = argmaxOfBatch[dyOffset + p];
            // A window made only of padding (possible with dilation) has no input to credit.
            if (where >= 0) {
                dx[dxOffset + where] += dy[dyOffset + p];
            }
        }
    }
}
