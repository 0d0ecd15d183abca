package org.convspark.engine.optim;

/** The learning rate at each optimizer step (counted from 0). Implementations are immutable. */
public interface LearningRateSchedule {
    double at(long step);

    static LearningRateSchedule constant(double lr) {
        return new ConstantSchedule(lr);
    }

    /** {@code lr * gamma^floor(step / every)} (PyTorch's {@code StepLR}). */
    static LearningRateSchedule step(double lr, double gamma, long every) {
        return new StepSchedule(lr, gamma, every);
    }

    /** Half a cosine from {@code lr} down to {@code floor} over {@code totalSteps}, then {@code floor}. */
    static LearningRateSchedule cosine(double lr, double floor, long totalSteps) {
        return new CosineSchedule(lr, floor, totalSteps);
    }

    /** Linear warm-up over the first {@code steps} steps, multiplying {@code schedule}. */
    static LearningRateSchedule warmup(LearningRateSchedule schedule, long steps) {
        return new WarmupSchedule(schedule, steps);
    }
}
