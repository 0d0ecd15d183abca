package org.convspark.driver;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskContext;

/**
 * Closes a task's socket once Spark kills the task. Spark kills by interrupting the task's thread,
 * which a blocking socket read or write ignores: a barrier task waiting for a hub reply that will
 * never come (its partner task died before connecting) would hold its slot forever, and Spark could
 * not rerun the round. Closing the socket makes the blocked call throw. One daemon thread per JVM
 * polls the watched tasks five times a second.
 */
final class KillWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 200;
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "convspark-kill-watch");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> poll;

    private KillWatch(TaskContext task, Closeable resource) {
        this.poll = POLLER.scheduleWithFixedDelay(() -> {
            if (task.isInterrupted()) {
                try {
                    resource.close();
                } catch (IOException ignored) {
                    // the task is going away; nothing else to release
                }
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Watches {@code task} until {@link #close()}, closing {@code resource} if it is killed. */
    static KillWatch closeOnKill(TaskContext task, Closeable resource) {
        return new KillWatch(task, resource);
    }

    @Override
    public void close() {
        poll.cancel(false);
    }
}
