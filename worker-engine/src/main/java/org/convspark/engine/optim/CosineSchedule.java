package org.convspark.engine.optim;

/**
 * Cosine annealing without restarts (Loshchilov and Hutter, "SGDR: stochastic gradient descent
 * with warm restarts", ICLR 2017; PyTorch's {@code CosineAnnealingLR}):
 * {@code floor + (lr - floor)(1 + cos(pi t / T)) / 2} for {@code t <= T}, then {@code floor}.
 */
public record CosineSchedule(double lr, double floor, long totalSteps) implements LearningRateSchedule {
    public CosineSchedule {
        ScheduleChecks.positive("lr", lr);
        ScheduleChecks.nonNegative("floor", floor);
        if (floor > lr) {
            throw new IllegalArgumentException("floor " + floor + " must not exceed lr " + lr);
        }
        ScheduleChecks.atLeastOne("total_steps", totalSteps);
    }

    @Override
    public double at(long step) {
        double progress = (double) Math.min(step, totalSteps) / totalSteps;
        // StrictMath, as in Adam: tasks on different JVM builds must compute the same rate.
        return floor + (lr - floor) * 0.5 * (1 + StrictMath.cos(Math.PI * progress));
    }

    @Override
    public String toString() {
        return "cosine(" + lr + " -> " + floor + " over " + totalSteps + " steps)";
    }
}
