package org.convspark.engine.optim;

/** The same learning rate at every step. */
public record ConstantSchedule(double lr) implements LearningRateSchedule {
    public ConstantSchedule {
        ScheduleChecks.positive("lr", lr);
    }

    @Override
    public double at(long step) {
        return lr;
    }

    @Override
    public String toString() {
        return "constant(" + lr + ")";
    }
}
