package org.convspark.driver.round;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * TEST HOOK, not for production runs: makes the task of one partition fail on its first attempt
 * at one step, so tests can prove that Spark's retry recomputes exactly the same contribution
 * (the batch, the dropout masks and the parameters are all functions of the step). Needs a
 * master that retries tasks ({@code local[N,2]}, or {@code spark.task.maxFailures >= 2} on a
 * cluster).
 */
public record FaultInjection(long step, int partition, boolean withholdJoin) implements Serializable {
    /** Fails partition {@code partition}'s first attempt at step {@code step}. */
    public FaultInjection(long step, int partition) {
        this(step, partition, false);
    }

    /**
     * In a barrier round, partition {@code partition}'s task of the stage's first attempt never
     * joins the round's collective (it waits until Spark kills it), as a task whose executor hangs.
     */
    public static FaultInjection neverJoins(int partition) {
        return new FaultInjection(-1, partition, true);
    }

    /** Holds the chosen barrier task of the round's first attempt back from joining until it is killed. */
    void beforeJoin(int roundAttempt) {
        TaskContext task = TaskContext.get();
        if (!withholdJoin || task == null || task.partitionId() != partition || roundAttempt != 0) {
            return;
        }
        while (!task.isInterrupted()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                break;
            }
        }
        throw new org.apache.spark.TaskKilledException("withheld from the collective until killed (FaultInjection)");
    }

    /**
     * Throws on attempt 0 of the chosen task in the stage's first attempt (a failed barrier task
     * reruns the whole stage, whose tasks start again at attempt 0); does nothing otherwise.
     */
    void apply(long currentStep) {
        TaskContext task = TaskContext.get();
        if (task != null && !withholdJoin && currentStep == step && task.partitionId() == partition && task.attemptNumber() == 0
                && task.stageAttemptNumber() == 0) {
            throw new InjectedFaultException("injected test failure at step " + step + ", partition " + partition
                    + " (attempt 0; FaultInjection is a test hook)");
        }
    }

    /** In a barrier round: throws at the chosen step and partition on the round's first attempt (the driver reruns it). */
    void applyInRound(long currentStep, int roundAttempt) {
        TaskContext task = TaskContext.get();
        if (task != null && !withholdJoin && currentStep == step && task.partitionId() == partition
                && roundAttempt == 0) {
            throw new InjectedFaultException("injected test failure at step " + step + ", partition " + partition
                    + " (the round's first attempt; FaultInjection is a test hook)");
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
