package org.convspark.driver;

import java.util.Locale;
import org.convspark.engine.UserInputException;

/**
 * How a synchronous step's partition gradients are summed: both give the same update (the sum in
 * double precision, in partition order for {@code BARRIER}; beyond float rounding the trajectory
 * does not depend on the choice).
 */
public enum AllReduce {
    /**
     * One Spark job per step: broadcast the parameters, {@code treeAggregate} the gradient sums
     * to the driver, step the optimizer there. Works on any cluster, with dynamic allocation and
     * with more partitions than task slots; pays Spark's job overhead (20-40 ms in local mode,
     * 150-200 ms with executor JVMs) every step.
     */
    TREE,
    /**
     * One barrier job per round (an epoch, cut at checkpoints): every partition's task stays up
     * and, at each step, sends its gradient sum to the driver's {@link GradientHub} over a TCP
     * connection held for the round and gets the mean back; each task then takes the same
     * optimizer step on its own copy of the parameters (see {@link BarrierRound}). Needs a task
     * slot per partition at once, no dynamic allocation, and executors able to connect to the
     * driver's host on an ephemeral port (as they do for Spark's own RPC).
     */
    BARRIER;

    /** {@code tree} or {@code barrier}, any case; the error names {@code option}. */
    public static AllReduce parse(String value, String option) {
        for (AllReduce mode : values()) {
            if (mode.toString().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new UserInputException(option + " " + value + ": unknown; choose tree or barrier");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
