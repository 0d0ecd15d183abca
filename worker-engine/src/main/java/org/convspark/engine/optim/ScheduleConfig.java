package org.convspark.engine.optim;

import java.util.List;

/**
 * A learning-rate schedule as configuration (the base rate comes from {@link OptimizerConfig}).
 *
 * @param kind        {@code constant}, {@code step} or {@code cosine}
 * @param stepEvery   {@code step}: steps between decays
 * @param gamma       {@code step}: decay factor
 * @param totalSteps  {@code cosine}: steps from the base rate down to {@code floor}
 * @param floor       {@code cosine}: the final rate
 * @param warmupSteps linear warm-up steps wrapped around the schedule; 0 for none
 */
public record ScheduleConfig(String kind, long stepEvery, double gamma, long totalSteps, double floor,
                             long warmupSteps) {
    public static final List<String> KINDS = List.of("constant", "step", "cosine");

    public ScheduleConfig {
        if (kind == null || !KINDS.contains(kind)) {
            throw new IllegalArgumentException("schedule must be one of " + KINDS + ", got " + kind);
        }
        if (kind.equals("step")) {
            ScheduleChecks.atLeastOne("step_every", stepEvery);
            ScheduleChecks.positive("gamma", gamma);
        }
        if (kind.equals("cosine")) {
            ScheduleChecks.atLeastOne("total_steps", totalSteps);
            ScheduleChecks.nonNegative("floor", floor);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        }
    }

    public static ScheduleConfig constant() {
        return new ScheduleConfig("constant", 0, 0, 0, 0, 0);
    }

    public static ScheduleConfig step(long every, double gamma) {
        return new ScheduleConfig("step", every, gamma, 0, 0, 0);
    }

    public static ScheduleConfig cosine(long totalSteps, double floor) {
        return new ScheduleConfig("cosine", 0, 0, totalSteps, floor, 0);
    }

    public ScheduleConfig withWarmup(long steps) {
        return new ScheduleConfig(kind, stepEvery, gamma, totalSteps, floor, steps);
    }

    /** The schedule starting from base rate {@code lr}. */
    public LearningRateSchedule build(double lr) {
        LearningRateSchedule base;
        switch (kind) {
            case "constant":
                base = LearningRateSchedule.constant(lr);
                break;
            case "step":
                base = LearningRateSchedule.step(lr, gamma, stepEvery);
                break;
            case "cosine":
                base = LearningRateSchedule.cosine(lr, floor, totalSteps);
                break;
            default:
                throw new AssertionError(kind);
        }
        return warmupSteps == 0 ? base : LearningRateSchedule.warmup(base, warmupSteps);
    }
}
