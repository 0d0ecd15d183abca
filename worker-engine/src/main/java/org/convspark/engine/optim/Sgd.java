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
        float rate = (float) lr;
        float decay = (float) weightDecay;
        for (int i = 0; i < params.length; i++) {
            float g = gradientScale * gradient[i] + decay * params[i];
            params[i] = params[i] - rate * g;
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
