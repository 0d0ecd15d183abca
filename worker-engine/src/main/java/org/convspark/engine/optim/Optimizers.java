package org.convspark.engine.optim;

/** Builds the optimizer an {@link OptimizerConfig} names. */
public final class Optimizers {
    private Optimizers() {
    }

    public static Optimizer create(OptimizerConfig c) {
        LearningRateSchedule schedule = c.schedule().build(c.lr());
        switch (c.name()) {
            case "sgd":
                return new Sgd(schedule, c.weightDecay(), c.clipNorm());
            case "momentum":
                return new Momentum(schedule, c.momentum(), c.weightDecay(), c.clipNorm());
            case "nesterov":
                return new Nesterov(schedule, c.momentum(), c.weightDecay(), c.clipNorm());
            case "adam":
                return new Adam(schedule, c.beta1(), c.beta2(), c.eps(), c.weightDecay(), c.clipNorm());
            case "adamw":
                return new AdamW(schedule, c.beta1(), c.beta2(), c.eps(), c.weightDecay(), c.clipNorm());
            default:
                throw new AssertionError(c.name());
        }
    }
}
