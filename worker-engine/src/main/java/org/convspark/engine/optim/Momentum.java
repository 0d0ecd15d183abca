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
        float rate = (float) lr;
        float decay = (float) weightDecay;
        float mu = (float) momentum;
        // One loop per form: a branch inside the loop would keep C2 from vectorizing it.
        if (nesterov) {
            for (int i = 0; i < params.length; i++) {
                float g = gradientScale * gradient[i] + decay * params[i];
                float v = mu * velocity[i] + g;
                velocity[i] = v;
                params[i] = params[i] - rate * (g + mu * v);
            }
        } else {
            for (int i = 0; i < params.length; i++) {
                float g = gradientScale * gradient[i] + decay * params[i];
                float v = mu * velocity[i] + g;
                velocity[i] = v;
                params[i] = params[i] - rate * v;
            }
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
