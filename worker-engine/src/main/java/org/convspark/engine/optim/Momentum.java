package org.convspark.engine.optim;

/**
 * SGD with heavy-ball momentum (Polyak, "Some methods of speeding up the convergence of
 * iteration methods", 1964) in PyTorch's form, without dampening: {@code v = mu v + g},
 * {@code p -= lr v}, where {@code g} includes L2 weight decay {@code wd p}. State: {@code v}.
 */
public final class Momentum extends FlatOptimizer {
    private final double momentum;

    public Momentum(LearningRateSchedule schedule, double momentum, double weightDecay, double clipNorm) {
        super(1, schedule, weightDecay, clipNorm);
        ScheduleChecks.fraction("momentum", momentum);
        this.momentum = momentum;
    }

    @Override
    protected void update(float[] params, float[] gradient, float gradientScale, double lr, long step,
                          float[][] state) {
        float[] velocity = state[0];
        for (int i = 0; i < params.length; i++) {
            double g = gradientScale * gradient[i] + weightDecay * params[i];
            velocity[i] = (float) (momentum * velocity[i] + g);
            params[i] = (float) (params[i] - lr * velocity[i]);
        }
    }

    @Override
    public Momentum copy() {
        return new Momentum(schedule, momentum, weightDecay, clipNorm);
    }

    @Override
    public String toString() {
        return describe("momentum=" + momentum);
    }
}
