package org.convspark.engine.optim;

/**
 * Gradual linear warm-up (Goyal et al., "Accurate, large minibatch SGD: training ImageNet in 1
 * hour", 2017): step {@code t < steps} uses {@code (t + 1) / steps} of the wrapped schedule's
 * rate; from step {@code steps} on, the wrapped schedule unchanged. The wrapped schedule is not
 * shifted, so a cosine over the run's total steps still ends at the end of the run.
 */
public record WarmupSchedule(LearningRateSchedule schedule, long steps) implements LearningRateSchedule {
    public WarmupSchedule {
        if (schedule == null) {
            throw new IllegalArgumentException("warm-up needs a schedule to wrap");
        }
        ScheduleChecks.atLeastOne("warmup_steps", steps);
    }

    @Override
    public double at(long step) {
        double rate = schedule.at(step);
        return step < steps ? rate * (step + 1) / steps : rate;
    }

    @Override
    public String toString() {
        return "warmup(" + steps + " steps, " + schedule + ")";
    }
}
