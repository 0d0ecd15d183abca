package org.convspark.engine.layers;

import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.tensor.Shape;

/**
 * Average pooling per channel with ceil mode. With {@code countIncludePad} a window's divisor is
 * the window clipped to input plus padding (with ceil mode the last window can be shorter than
 * the kernel); without, the number of real input elements in it (PyTorch's semantics).
 */
public final class AvgPool extends ChannelPool {
    private final PoolWindows windows;
    private final float[] divisor;

    public AvgPool(AvgPoolSpec spec, Shape inputShape) {
        super(spec.type(), inputShape, spec.outputShape(inputShape));
        this.windows = new PoolWindows(spec.geometry(), inputShape.last(spec.geometry().dims()));
        this.divisor = new float[windows.outputPlane()];
        for (int p = 0; p < divisor.length; p++) {
            divisor[p] = spec.countIncludePad() ? windows.paddedCount(p) : windows.end(p) - windows.begin(p);
        }
    }

    @Override
    void forwardPlane(float[] x, int xOffset, float[] y, int yOffset) {
        for (int p = 0; p < windows.outputPlane(); p++) {
            float sum = 0f;
            for (int j = windows.begin(p); j < windows.end(p); j++) {
                sum += x[xOffset + windows.offset(j)];
            }
            y[yOffset + p] = sum / divisor[p];
        }
    }

    @Override
    void backwardPlane(float[] dy, int dyOffset, float[] dx, int dxOffset) {
        for (int p = 0; p < windows.outputPlane(); p++) {
            float share = dy[dyOffset + p] / divisor[p];
            for (int j = windows.begin(p); j < windows.end(p); j++) {
                dx[dxOffset + windows.offset(j)] += share;
            }
        }
    }
}
