package org.convspark.driver;

import java.util.Locale;
import org.convspark.engine.UserInputException;

/**
 * How a synchronous step's partition gradients are summed: both ways give the same update (the
 * sum in double precision; beyond float rounding the trajectory does not depend on the choice).
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
     * One barrier job per round (to the next checkpoint or the end): every partition's task stays up
     * and, at each step, all-reduces its gradient sum with the other tasks directly (the driver
     * only coordinates, see {@link org.convspark.driver.collective.Collective}); each task then
     * takes the same optimizer step on its own copy of the parameters (see {@link org.convspark.driver.round.BarrierRound}).
     * Needs a task slot per partition at once, no dynamic allocation, and executors able to
     * reach each other and the driver on the collective's port (as they do for Spark's own).
     */
    BARRIER,
    /** {@link #BARRIER} where the cluster allows it, else {@link #TREE}; see {@link AllReduceChoice}. */
    AUTO;

    /** {@code tree}, {@code barrier} or {@code auto}, any case; the error names {@code option}. */
    public static AllReduce parse(String value, String option) {
        for (AllReduce mode : values()) {
            if (mode.toString().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new UserInputException(option + " " + value + ": unknown; choose auto, tree or barrier");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
