package org.convspark.engine.optim;

/**
 * Plain stochastic gradient descent (Robbins and Monro, "A stochastic approximation method",
 * 1951) with L2 weight decay added to the gradient, as PyTorch's {@code SGD}:
 * {@code p -= lr (g + wd p)}.
 */
public final class Sgd extends FlatOptimizer {
    public Sgd(LearningRateSchedule schedule, double weightDecay, double clipNorm) {
        super(0, schedule, weightDecay, clipNorm);
    }

    @Override
    protected void update(float[] params, float[] gradient, float gradientScale, double lr, long step,
                          float[][] state) {
        for (int i = 0; i < params.length; i++) {
            double g = gradientScale * gradient[i] + weightDecay * params[i];
            params[i] = (float) (params[i] - lr * g);
        }
    }

    @Override
    public Sgd copy() {
        return new Sgd(schedule, weightDecay, clipNorm);
    }

    @Override
    public String toString() {
        return describe("");
    }
}
