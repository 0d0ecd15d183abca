package org.convspark.engine.layers;

import org.convspark.engine.model.MaxPoolSpec;
import org.convspark.engine.tensor.IndexBuffer;
import org.convspark.engine.tensor.Shape;

/**
 * Max pooling per channel with padding read as negative infinity, dilation and ceil mode. The
 * position of each maximum is kept for backward; ties go to the first maximum in scan order and
 * NaN wins (both as PyTorch does), so gradients match it element for element.
 */
public final class MaxPool extends ChannelPool {
    private final PoolWindows windows;
    private final IndexBuffer argmax = new IndexBuffer();
    private int[] argmaxOfBatch;

    public MaxPool(MaxPoolSpec spec, Shape inputShape) {
        super(spec.type(), inputShape, spec.outputShape(inputShape));
        this.windows = new PoolWindows(spec.geometry(), inputShape.last(spec.geometry().dims()));
    }

    @Override
    void beginForward(int outputElements) {
        argmaxOfBatch = argmax.get(outputElements);
    }

    @Override
    void forwardPlane(float[] x, int xOffset, float[] y, int yOffset) {
        for (int p = 0; p < windows.outputPlane(); p++) {
            float best = Float.NEGATIVE_INFINITY;
            int where = -1;
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
