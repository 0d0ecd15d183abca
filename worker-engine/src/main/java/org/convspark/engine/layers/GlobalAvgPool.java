package org.convspark.engine.layers;

import org.convspark.engine.spec.GlobalAvgPoolSpec;
import org.convspark.engine.tensor.Shape;

/** Mean of each channel plane: {@code C, spatial...} to {@code C}; backward spreads evenly. */
public final class GlobalAvgPool extends ChannelPool {
    private final int plane;

    public GlobalAvgPool(GlobalAvgPoolSpec spec, Shape inputShape) {
        super(spec.type(), inputShape, spec.outputShape(inputShape));
        this.plane = inputShape.size() / inputShape.dim(0);
    }

    @Override
    void forwardPlane(float[] x, int xOffset, float[] y, int yOffset) {
        // Double accumulation: a plane can hold thousands of values.
        double sum = 0;
        for (int i = xOffset; i < xOffset + plane; i++) {
            sum += x[i];
        }
        y[yOffset] = (float) (sum / plane);
    }

    @Override
    void backwardPlane(float[] dy, int dyOffset, float[] dx, int dxOffset) {
        float share = dy[dyOffset] / plane;
        java.util.Arrays.fill(dx, dxOffset, dxOffset + plane, share);
    }
}
