package org.convspark.driver;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.engine.UserInputException;

/**
 * Which all-reduce a run uses, and the one line that says why, decided before any job. {@link
 * AllReduce#AUTO} takes the barrier collective when nothing stands in its way and the tree path
 * otherwise; an explicit {@link AllReduce#BARRIER} is refused with the same reason instead of
 * failing after the data is loaded. What stands in the way: local steps ({@code sync_every > 1}),
 * dynamic allocation (Spark refuses barrier stages with it), Spark TLS without the collective's
 * encryption ({@link CollectiveSettings#securityObstacle}), and fewer task slots than partitions
 * (a barrier stage needs all its tasks at once). On a cluster the slots are the registered
 * executors' ({@code maxNumConcurrentTasks}, what Spark's own barrier check counts); executors
 * still registering are waited for up to {@code spark.scheduler.maxRegisteredResourcesWaitingTime}
 * (30 s), as Spark's scheduler waits for them before the first job.
 */
public record AllReduceChoice(AllReduce mode, String reason) {
    private static final long POLL_MILLIS = 100;
    /** How long a cluster's executors are waited for, as Spark's scheduler waits before the first job. */
    static final String WAIT = "spark.scheduler.maxRegisteredResourcesWaitingTime";

    /** The line a run logs. */
    public String toLine() {
        return "all-reduce: " + mode + " (" + reason + ")";
    }

    /**
     * The choice for a run of {@code config} over {@code partitions} partitions on {@code sc}, for a
     * front end to ask before it loads any data (the trainer decides again, the same way).
     *
     * @throws UserInputException when {@code barrier} was asked for and cannot run, saying why
     */
    public static AllReduceChoice decide(JavaSparkContext sc, TrainerConfig config, int partitions) {
        AllReduce asked = config.allReduce();
        if (asked == AllReduce.TREE) {
            return new AllReduceChoice(AllReduce.TREE, "as configured: a treeAggregate job per step");
        }
        SparkConf conf = sc.getConf();
        CollectiveSettings.of(conf); // a malformed setting is an error whatever is chosen
        Optional<String> obstacle = settingsObstacle(conf, config);
        // Counted (and on a cluster waited for) only when the settings allow a barrier round at all.
        int slots = obstacle.isPresent() ? 0 : slots(sc, conf, partitions);
        if (obstacle.isEmpty() && slots < partitions) {
            obstacle = Optional.of("a barrier round runs all " + partitions + " partitions' tasks at once, and master "
                    + sc.master() + " offers " + slots + " task slot" + (slots == 1 ? "" : "s")
                    + (DistributedTrainer.localCores(sc.master()) > 0 ? " (at most " + slots
                    + " partitions, or a master with more threads)" : " after waiting "
                    + conf.getTimeAsMs(WAIT, "30s") / 1000.0 + " s for executors (more executors or cores, at most "
                    + slots + " partitions, or a longer " + WAIT + ")"));
        }
        if (obstacle.isPresent()) {
            if (asked == AllReduce.BARRIER) {
                throw new UserInputException("all_reduce barrier: " + obstacle.get()
                        + "; use all_reduce tree or auto");
            }
            return new AllReduceChoice(AllReduce.TREE, obstacle.get() + ", so a treeAggregate job per step");
        }
        return new AllReduceChoice(AllReduce.BARRIER, (asked == AllReduce.AUTO ? "auto: " : "as configured: ")
                + "all " + partitions + " partition" + (partitions == 1 ? "" : "s") + " get a task slot at once ("
                + slots + " slot" + (slots == 1 ? "" : "s") + "), so barrier rounds whose tasks all-reduce "
                + "among themselves");
    }

    /** What in the settings rules a barrier round out: local steps, dynamic allocation, TLS without crypto. */
    private static Optional<String> settingsObstacle(SparkConf conf, TrainerConfig config) {
        if (config.syncEvery() > 1) {
            return Optional.of("sync_every " + config.syncEvery() + " takes local steps, which run as tree jobs");
        }
        if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            return Optional.of("spark.dynamicAllocation.enabled is true and Spark runs no barrier stage with "
                    + "dynamic allocation");
        }
        return CollectiveSettings.securityObstacle(conf);
    }

    /**
     * Tasks the cluster can run at once: {@code local[N]} has N / {@code spark.task.cpus}; a cluster
     * what its registered executors offer, waiting a while for {@code wanted} when fewer are up.
     */
    static int slots(JavaSparkContext sc, SparkConf conf, int wanted) {
        int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
        int localCores = DistributedTrainer.localCores(sc.master());
        if (localCores > 0) {
            return localCores / taskCpus;
        }
        long deadline = System.nanoTime()
                + conf.getTimeAsMs(WAIT, "30s") * 1_000_000L;
        while (true) {
            int slots = sc.sc().maxNumConcurrentTasks(sc.sc().resourceProfileManager().defaultResourceProfile());
            if (slots >= wanted || System.nanoTime() > deadline) {
                return slots;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return slots;
            }
        }
    }
}
