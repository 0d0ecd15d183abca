package org.convspark.engine.optim;

/** {@code lr * gamma^floor(step / every)}: PyTorch's {@code StepLR}. */
public record StepSchedule(double lr, double gamma, long every) implements LearningRateSchedule {
    public StepSchedule {
        ScheduleChecks.positive("lr", lr);
        ScheduleChecks.positive("gamma", gamma);
        ScheduleChecks.atLeastOne("step_every", every);
    }

    @Override
    public double at(long step) {
        return lr * StrictMath.pow(gamma, step / every);
    }

    @Override
    public String toString() {
        return "step(" + lr + ", gamma=" + gamma + " every " + every + " steps)";
    }
}
