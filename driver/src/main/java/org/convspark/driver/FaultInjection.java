package org.convspark.driver;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * TEST HOOK, not for production runs: makes the task of one partition fail on its first attempt
 * at one step, so tests can prove that Spark's retry recomputes exactly the same contribution
 * (the batch, the dropout masks and the parameters are all functions of the step). Needs a
 * master that retries tasks ({@code local[N,2]}, or {@code spark.task.maxFailures >= 2} on a
 * cluster).
 */
public record FaultInjection(long step, int partition) implements Serializable {
    /**
     * Throws on attempt 0 of the chosen task in the stage's first attempt (a failed barrier task
     * reruns the whole stage, whose tasks start again at attempt 0); does nothing otherwise.
     */
    void apply(long currentStep) {
        TaskContext task = TaskContext.get();
        if (task != null && currentStep == step && task.partitionId() == partition && task.attemptNumber() == 0
                && task.stageAttemptNumber() == 0) {
            throw new InjectedFaultException("injected test failure at step " + step + ", partition " + partition
                    + " (attempt 0; FaultInjection is a test hook)");
        }
    }

    /** The failure {@link FaultInjection} throws, distinguishable from real ones in logs and tests. */
    public static final class InjectedFaultException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFaultException(String message) {
            super(message);
        }
    }
}
