package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/**
 * Batch normalization (Ioffe and Szegedy, 2015; PyTorch's {@code BatchNormNd}) over channel 0 of
 * the per-sample shape: {@code C, spatial...} (statistics per channel over the batch and every
 * position) or {@code C} flat features after a {@code linear}. Parameters, in the flat array:
 * {@code C} scales and {@code C} shifts when {@code affine}, then the running mean and running
 * (unbiased) variance, {@code C} each: model state, saved with the parameters but never changed by
 * the optimizer (see {@link #stateCount}).
 */
public record BatchNormSpec(double eps, double momentum, boolean affine) implements LayerSpec {
    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    public BatchNormSpec {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
    }

    @Override
    public String type() {
        return "batchnorm";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public long parameterCount(Shape input) {
        return (affine ? 2L : 0L) * input.dim(0) + stateCount(input);
    }

    /** The running mean and variance: {@code 2 C} values after the affine parameters. */
    @Override
    public long stateCount(Shape input) {
        return 2L * input.dim(0);
    }
}
