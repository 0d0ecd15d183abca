package org.convspark.engine.optim;

import java.util.List;

/**
 * An optimizer as configuration: what a run's options, a job's JSON and a checkpoint carry.
 * Every field is validated on construction, with its name in the message; {@link #of} gives
 * PyTorch's defaults and the {@code with...} methods change one field.
 *
 * @param name        {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam} or {@code adamw}
 * @param lr          base learning rate (&gt; 0)
 * @param momentum    momentum and nesterov: in [0, 1) (&gt; 0 for nesterov)
 * @param weightDecay L2 weight decay added to the gradient; decoupled for adamw (&gt;= 0)
 * @param beta1       adam and adamw: first-moment decay in [0, 1)
 * @param beta2       adam and adamw: second-moment decay in [0, 1)
 * @param eps         adam and adamw: denominator guard (&gt; 0)
 * @param clipNorm    global gradient L2-norm limit; 0 for no clipping
 * @param schedule    the learning-rate schedule
 */
public record OptimizerConfig(String name, double lr, double momentum, double weightDecay, double beta1,
                              double beta2, double eps, double clipNorm, ScheduleConfig schedule) {
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam", "adamw");

    public OptimizerConfig {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("optimizer must be one of " + NAMES + ", got " + name);
        }
        ScheduleChecks.positive("lr", lr);
        ScheduleChecks.fraction("momentum", momentum);
        if (name.equals("nesterov") && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs momentum > 0, got 0");
        }
        ScheduleChecks.nonNegative("weight_decay", weightDecay);
        ScheduleChecks.fraction("beta1", beta1);
        ScheduleChecks.fraction("beta2", beta2);
        ScheduleChecks.positive("eps", eps);
        ScheduleChecks.nonNegative("clip_norm", clipNorm);
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must be given (ScheduleConfig.constant() for none)");
        }
        // Checks what only the pair can: a cosine floor above the base rate.
        schedule.build(lr);
    }

    /** PyTorch's defaults: momentum 0.9 where used, betas 0.9/0.999, eps 1e-8, adamw decay 0.01, constant rate. */
    public static OptimizerConfig of(String name, double lr) {
        boolean usesMomentum = "momentum".equals(name) || "nesterov".equals(name);
        return new OptimizerConfig(name, lr, usesMomentum ? 0.9 : 0, "adamw".equals(name) ? 0.01 : 0, 0.9, 0.999,
                1e-8, 0, ScheduleConfig.constant());
    }

    public OptimizerConfig withMomentum(double value) {
        return new OptimizerConfig(name, lr, value, weightDecay, beta1, beta2, eps, clipNorm, schedule);
    }

    public OptimizerConfig withWeightDecay(double value) {
        return new OptimizerConfig(name, lr, momentum, value, beta1, beta2, eps, clipNorm, schedule);
    }

    public OptimizerConfig withBetas(double b1, double b2) {
        return new OptimizerConfig(name, lr, momentum, weightDecay, b1, b2, eps, clipNorm, schedule);
    }

    public OptimizerConfig withEps(double value) {
        return new OptimizerConfig(name, lr, momentum, weightDecay, beta1, beta2, value, clipNorm, schedule);
    }

    public OptimizerConfig withClipNorm(double value) {
        return new OptimizerConfig(name, lr, momentum, weightDecay, beta1, beta2, eps, value, schedule);
    }

    public OptimizerConfig withSchedule(ScheduleConfig value) {
        return new OptimizerConfig(name, lr, momentum, weightDecay, beta1, beta2, eps, clipNorm, value);
    }
}
