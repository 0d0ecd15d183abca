package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What shared clusters put in the barrier collective's way, on real executor JVMs ({@link
 * LocalCluster}): dynamic allocation (Spark runs no barrier stage with it) and fewer task slots
 * than partitions after the bounded wait for executors. The default all-reduce takes the tree path
 * with one line saying why, and trains; an explicit barrier request is refused with that reason
 * before any job.
 */
class ClusterObstaclesTest {
    private static final LabelledImages DATA = TestData.bands(96, 8, 3, 5);

    @AfterAll
    static void backToLocal() {
        SparkTestSupport.stop();
    }

    private static TrainerConfig config(AllReduce mode) {
        return TrainerConfig.builder().epochs(2).maxSteps(4).batchSize(32).seed(3)
                .optimizer(OptimizerConfig.of("momentum", 0.05)).allReduce(mode).build();
    }

    /** The run's log, training {@code partitions} partitions with the default all-reduce. */
    private static List<String> trainWithAuto(SparkSession session, int partitions) {
        JavaSparkContext sc = SparkTestSupport.context(session);
        ShardedDataset data = ShardedDataset.fromArrays(sc, DATA, partitions);
        List<String> log = new ArrayList<>();
        try {
            TrainingResult result = new DistributedTrainer(sc, TestData.smallConvNet(), config(AllReduce.AUTO))
                    .withLog(log::add).fit(data);
            assertEquals(AllReduce.TREE, result.allReduce().mode());
            assertEquals(4, result.steps());
        } finally {
            data.release();
        }
        return log;
    }

    private static String barrierRefusal(SparkSession session, int partitions) throws Exception {
        JavaSparkContext sc = SparkTestSupport.context(session);
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        sc.sc().addSparkListener(counter);
        try {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> AllReduceChoice.decide(sc, config(AllReduce.BARRIER), partitions));
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(0, jobs.get(), "refused before any job");
            return e.getMessage();
        } finally {
            sc.sc().removeSparkListener(counter);
        }
    }

    @Test
    void dynamicAllocationTakesTheTreePathAndRefusesBarrierNamingTheSetting() throws Exception {
        SparkConf dynamic = new SparkConf(false)
                .set("spark.dynamicAllocation.enabled", "true")
                .set("spark.dynamicAllocation.shuffleTracking.enabled", "true")
                .set("spark.dynamicAllocation.minExecutors", "1")
                .set("spark.dynamicAllocation.initialExecutors", "2")
                .set("spark.dynamicAllocation.maxExecutors", "2");
        SparkTestSupport.stop(); // a session of the same master would be reused with its settings
        SparkSession session = new LocalCluster().start("local-cluster[2,1,1024]", dynamic);
        List<String> log = trainWithAuto(session, 2);
        String line = "all-reduce: tree (spark.dynamicAllocation.enabled is true and Spark runs no barrier stage with "
                + "dynamic allocation, so a treeAggregate job per step)";
        System.out.println("dynamic allocation: " + line);
        assertTrue(log.contains(line), log.toString());
        String refusal = barrierRefusal(session, 2);
        System.out.println("dynamic allocation, --all-reduce barrier: " + refusal);
        assertEquals("all_reduce barrier: spark.dynamicAllocation.enabled is true and Spark runs no barrier stage with "
                + "dynamic allocation; use all_reduce tree or auto", refusal);
    }

    @Test
    void tooFewSlotsAfterTheBoundedWaitTakeTheTreePathAndRefuseBarrierNamingTheSettings() throws Exception {
        SparkConf shortWait = new SparkConf(false).set(AllReduceChoice.WAIT, "2s");
        SparkTestSupport.stop();
        SparkSession session = new LocalCluster().start("local-cluster[2,1,1024]", shortWait);
        long begin = System.nanoTime();
        List<String> log = trainWithAuto(session, 4);
        String reason = "a barrier round runs all 4 partitions' tasks at once, and master local-cluster[2,1,1024] "
                + "offers 2 task slots after waiting 2.0 s for executors (more executors or cores, at most 2 "
                + "partitions, or a longer spark.scheduler.maxRegisteredResourcesWaitingTime)";
        System.out.println("slots: all-reduce: tree (" + reason + ", so a treeAggregate job per step)");
        assertTrue(log.contains("all-reduce: tree (" + reason + ", so a treeAggregate job per step)"), log.toString());
        String refusal = barrierRefusal(session, 4);
        System.out.println("slots, --all-reduce barrier: " + refusal);
        assertEquals("all_reduce barrier: " + reason + "; use all_reduce tree or auto", refusal);
        assertTrue((System.nanoTime() - begin) / 1e9 < 60, "the wait for slots is bounded");
    }
}
