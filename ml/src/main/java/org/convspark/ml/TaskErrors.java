package org.convspark.ml;

import java.util.function.Supplier;
import org.convspark.engine.UserInputException;

/**
 * Brings a data error found in a Spark task to the caller as the project's own exception. Spark
 * reports a failed task as {@code SparkException: Job aborted due to stage failure: Task 0 in
 * stage 6.0 failed 1 times, most recent failure: Lost task 0.0 ...: UserInputException: labelCol
 * 'label': a row has no label (null)}, the task's exception its cause; a caller of {@code fit}
 * wants the column and the row's problem first, and code that catches {@link UserInputException}
 * (or its {@link IllegalArgumentException}) should not have to walk cause chains.
 */
final class TaskErrors {
    private TaskErrors() {
    }

    /**
     * Runs {@code jobs}; a failure whose cause chain holds a {@link UserInputException} becomes
     * one with that message, the Spark failure kept as its cause. Anything else passes unchanged.
     */
    static <T> T surfacing(Supplier<T> jobs) {
        try {
            return jobs.get();
        } catch (Exception e) { // SparkException is checked, yet Scala code throws it undeclared
            UserInputException user = userCause(e);
            if (user != null && user != e) {
                throw new UserInputException(user.getMessage(), e);
            }
            throw e;
        }
    }

    private static UserInputException userCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserInputException user) {
                return user;
            }
        }
        return null;
    }
}
