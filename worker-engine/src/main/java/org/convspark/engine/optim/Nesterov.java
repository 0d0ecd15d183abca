package org.convspark.engine.optim;

/**
 * Nesterov accelerated gradient (Nesterov 1983, in the form of Sutskever et al., "On the
 * importance of initialization and momentum in deep learning", ICML 2013) as PyTorch's
 * {@code SGD(nesterov=True)}: {@code v = mu v + g}, {@code p -= lr (g + mu v)}, where {@code g}
 * includes L2 weight decay {@code wd p}. State: {@code v}.
 */
public final class Nesterov extends FlatOptimizer {
    private final double momentum;

    public Nesterov(LearningRateSchedule schedule, double momentum, double weightDecay, double clipNorm) {
        super(1, schedule, weightDecay, clipNorm);
        ScheduleChecks.fraction("momentum", momentum);
        if (momentum == 0) {
            throw new IllegalArgumentException("nesterov needs momentum > 0, got 0");
        }
        this.momentum = momentum;
    }

    @Override
    protected void update(float[] params, float[] gradient, float gradientScale, double lr, long step,
                          float[][] state) {
        float[] velocity = state[0];
        for (int i = 0; i < params.length; i++) {
            double g = gradientScale * gradient[i] + weightDecay * params[i];
            velocity[i] = (float) (momentum * velocity[i] + g);
            params[i] = (float) (params[i] - lr * (g + momentum * velocity[i]));
        }
    }

    @Override
    public Nesterov copy() {
        return new Nesterov(schedule, momentum, weightDecay, clipNorm);
    }

    @Override
    public String toString() {
        return describe("momentum=" + momentum);
    }
}
