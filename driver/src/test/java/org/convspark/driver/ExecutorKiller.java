package org.convspark.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Kills an executor JVM of a {@link LocalCluster} while it runs a task: once {@link #armIf armed}
 * (from a step listener), the first task that starts has its executor's process destroyed
 * forcibly; or, for a barrier round's long tasks, at once ({@link #killRunningIf}). Records what Spark saw afterwards: failed task attempts, executors removed and added.
 */
final class ExecutorKiller extends SparkListener {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final LocalCluster cluster;
    private volatile boolean armed;
    private volatile String killedExecutor;
    private volatile long killedPid = -1;
    private volatile String problem;
    private final List<String> failedTasks = new ArrayList<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final Set<String> added = ConcurrentHashMap.newKeySet();
    /** The executor each partition's latest task started on. */
    private final java.util.Map<Integer, String> running = new ConcurrentHashMap<>();

    ExecutorKiller(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Arms the killer when {@code condition} holds and nothing was killed yet. */
    void armIf(boolean condition) {
        if (condition && killedExecutor == null) {
            armed = true;
        }
    }

    /**
     * Kills, now, the executor running partition {@code partition}'s task when {@code condition}
     * holds and nothing was killed yet: for barrier rounds, whose tasks run through many steps.
     */
    void killRunningIf(boolean condition, int partition) {
        String executor = running.get(partition);
        if (condition && killedExecutor == null && executor != null) {
            kill(executor);
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        running.put(start.taskInfo().partitionId(), start.taskInfo().executorId());
        if (!armed) {
            return;
        }
        armed = false;
        kill(start.taskInfo().executorId());
    }

    private void kill(String executor) {
        ProcessHandle process = cluster.executor(executor).orElse(null);
        if (process == null) {
            problem = "no process found for executor " + executor;
            return;
        }
        killedPid = process.pid();
        killedExecutor = executor;
        process.destroyForcibly();
        try {
            process.onExit().get(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            problem = "executor " + executor + " (pid " + killedPid + ") did not exit: " + e;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
            failedTasks.add("stage " + end.stageId() + " task " + end.taskInfo().index() + " attempt "
                    + end.taskInfo().attemptNumber() + " on executor " + end.taskInfo().executorId() + ": "
                    + end.reason().getClass().getSimpleName());
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
        removed.add(event.executorId());
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded event) {
        added.add(event.executorId());
    }

    String killedExecutor() {
        return problem == null ? killedExecutor : null;
    }

    Set<String> removed() {
        return removed;
    }

    @Override
    public synchronized String toString() {
        return (killedExecutor == null ? "nothing killed" : "killed executor " + killedExecutor + " (pid " + killedPid
                + ")") + (problem == null ? "" : "; " + problem) + "; failed task attempts " + failedTasks
                + "; executors removed " + removed + ", added " + added;
    }
}
