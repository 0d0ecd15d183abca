package org.convspark.engine.optim;

/**
 * SGD with heavy-ball momentum (Polyak, "Some methods of speeding up the convergence of
 * iteration methods", 1964) in PyTorch's form, without dampening: {@code v = mu v + g},
 * {@code p -= lr v}, where {@code g} includes L2 weight decay {@code wd p}. State: {@code v}.
 */
public class Momentum extends FlatOptimizer {
    protected final double momentum;
    private final boolean nesterov;

    public Momentum(LearningRateSchedule schedule, double momentum, double weightDecay, double clipNorm) {
        this(schedule, momentum, weightDecay, clipNorm, false);
    }

    /** With {@code nesterov}, steps along {@code g + mu v} instead of {@code v} (see {@link Nesterov}). */
    Momentum(LearningRateSchedule schedule, double momentum, double weightDecay, double clipNorm, boolean nesterov) {
        super(1, schedule, weightDecay, clipNorm);
        ScheduleChecks.fraction("momentum", momentum);
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected final void update(float[] params, float[] gradient, float gradientScale, double lr, long step,
                                float[][] state) {
        float[] velocity = state[0];
        for (int i = 0; i < params.length; i++) {
            double g = gradientScale * gradient[i] + weightDecay * params[i];
            velocity[i] = (float) (momentum * velocity[i] + g);
            double direction = nesterov ? g + momentum * velocity[i] : velocity[i];
            params[i] = (float) (params[i] - lr * direction);
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
