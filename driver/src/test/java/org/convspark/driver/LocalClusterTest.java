package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.data.ShardStorage;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training with real executor JVMs ({@link LocalCluster}: four workers with one executor JVM each,
 * four partitions). Everything crosses JVM boundaries: the shards, the broadcast parameters and the
 * aggregates through Kryo with registration required, the spec as JSON, and with the barrier
 * all-reduce the gradients among the executors over Spark's transport. The parameters must equal
 * the {@code local[2]} run's (tree all-reduce), with every all-reduce, also when an executor JVM is
 * killed mid-training (tree: on the first task after step 6; barrier: in the middle of the round,
 * after step 6, while its task waits in the collective). The tests share one cluster (it takes
 * about 15 s to start); the ones that kill an executor run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = TestData.smallConvNet();
    private static final OptimizerConfig OPTIMIZER = OptimizerConfig.of("momentum", 0.05);
    /** The step after which an executor is killed: the kill lands on the next step's first task. */
    private static final int KILL_AFTER_STEP = 6;
    private static final int PARTITIONS = 4;

    private static float[] local;
    private static LocalCluster cluster;
    private static SparkSession session;

    @BeforeAll
    static void start() throws Exception {
        local = train(SparkTestSupport.local(), (step, total, epoch, loss) -> { });
        cluster = new LocalCluster();
        session = cluster.start();
    }

    @AfterAll
    static void backToLocal() {
        SparkTestSupport.stop();
    }

    private static float[] train(SparkSession spark, StepListener listener) {
        return train(spark, AllReduce.TREE, listener);
    }

    private static float[] train(SparkSession spark, AllReduce mode, StepListener listener) {
        return train(spark, mode, ShardStorage.MEMORY, listener);
    }

    private static float[] train(SparkSession spark, AllReduce mode, ShardStorage storage, StepListener listener) {
        JavaSparkContext sc = SparkTestSupport.context(spark);
        ShardedDataset data = ShardedDataset.fromArrays(sc, DATA, PARTITIONS, storage);
        try {
            TrainerConfig config = TrainerConfig.builder().epochs(2).maxSteps(20).batchSize(32).seed(3)
                    .optimizer(OPTIMIZER).allReduce(mode).build();
            return new DistributedTrainer(sc, SPEC, config).withLog(line -> { }).withStepListener(listener).fit(data)
                    .params();
        } finally {
            data.release();
        }
    }

    private static void assertSameAsLocal(float[] distributed, String what) {
        double difference = TestArrays.relativeDifference(distributed, local);
        assertTrue(difference <= 1e-5, what + " differs from local[2] by " + difference);
        float[] initial = new Network(SPEC).initialParameters(3);
        assertTrue(TestArrays.relativeDifference(initial, distributed) > 1e-2, "training moved the parameters");
    }

    @ParameterizedTest
    @EnumSource(AllReduce.class)
    @Order(1)
    void fourExecutorJvmsReachTheLocalParameters(AllReduce mode) throws Exception {
        Set<String> executorsThatRanTasks = ConcurrentHashMap.newKeySet();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                executorsThatRanTasks.add(end.taskInfo().executorId());
            }
        };
        session.sparkContext().addSparkListener(listener);
        float[] distributed;
        try {
            distributed = train(session, mode, (step, total, epoch, loss) -> { });
            session.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            session.sparkContext().removeSparkListener(listener);
        }
        assertEquals(Set.of("0", "1", "2", "3"), executorsThatRanTasks, "every executor JVM ran tasks, the driver none");
        assertSameAsLocal(distributed, "real executors, all_reduce " + mode);
    }

    /**
     * Losing an executor, on the tree path and with the collective: after step {@value #KILL_AFTER_STEP}
     * an executor JVM is killed ({@code destroyForcibly}, as the OS would on a lost machine): on the
     * tree path the next task's, Spark retrying the lost tasks; with the barrier collective the one
     * running partition 2's task in the middle of the round, whose other tasks are then waiting
     * for it: the round fails, the driver reruns it from its start once the Worker has launched a
     * new executor (recomputing the lost cached shards). The run must end with the undisturbed
     * parameters.
     */
    @ParameterizedTest
    @EnumSource(value = AllReduce.class, names = {"TREE", "BARRIER"})
    @Order(3)
    void killingAnExecutorJvmMidTrainingChangesNothing(AllReduce mode) throws Exception {
        killAnExecutor(mode, ShardStorage.MEMORY);
    }

    /**
     * The same loss with the shards in files on the executors' disks (chunks of a few samples): the
     * lost executor's shard, file and all, is rebuilt from the source on the new one.
     */
    @Test
    @Order(4)
    void killingAnExecutorJvmWithShardsOnDiskChangesNothing() throws Exception {
        killAnExecutor(AllReduce.BARRIER, new ShardStorage(true, 5 * 64 * 4));
    }

    private void killAnExecutor(AllReduce mode, ShardStorage storage) throws Exception {
        ExecutorKiller killer = new ExecutorKiller(cluster);
        session.sparkContext().addSparkListener(killer);
        float[] distributed;
        try {
            distributed = train(session, mode, storage, (step, total, epoch, loss) -> {
                if (mode == AllReduce.TREE) {
                    killer.armIf(step == KILL_AFTER_STEP);
                } else {
                    killer.killRunningIf(step == KILL_AFTER_STEP, 2);
                }
            });
            session.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            session.sparkContext().removeSparkListener(killer);
        }
        System.out.println("executor loss: " + killer);
        assertTrue(killer.killedExecutor() != null, "an executor was killed: " + killer);
        assertTrue(killer.removed().contains(killer.killedExecutor()), "Spark saw the executor go: " + killer);
        assertSameAsLocal(distributed, "the run that lost an executor, all_reduce " + mode + ", shards "
                + (storage.onDisk() ? "on disk" : "in memory"));
    }

    /**
     * The ~1.1M-parameter cifar-small on four executor JVMs, 20 steps. The collective
     * carries no gradient through the driver (under 1% of n x 4 x P bytes a step, counted by the
     * coordinator), and its parameters equal the tree path's.
     */
    @Test
    @Order(2)
    void cifarSmallOnFourExecutorsPassesNoGradientThroughTheDriver() {
        JavaSparkContext sc = SparkTestSupport.context(session);
        LabelledImages images = colourImages(96, 7);
        ModelSpec cifar = org.convspark.engine.spec.ModelZoo.get("cifar-small");
        ShardedDataset data = ShardedDataset.fromArrays(sc, images, PARTITIONS);
        try {
            TrainerConfig.Builder config = TrainerConfig.builder().epochs(5).maxSteps(20).batchSize(16).seed(5)
                    .optimizer(OptimizerConfig.of("adam", 0.001));
            TrainingResult tree = new DistributedTrainer(sc, cifar, config.allReduce(AllReduce.TREE).build())
                    .withLog(line -> { }).fit(data);
            TrainingResult collective = new DistributedTrainer(sc, cifar, config.allReduce(AllReduce.AUTO).build())
                    .withLog(line -> { }).fit(data);
            assertEquals(AllReduce.BARRIER, collective.allReduce().mode(), collective.allReduce().toLine());
            double difference = TestArrays.relativeDifference(collective.params(), tree.params());
            int n = tree.params().length;
            double ceiling = 0.01 * n * 4.0 * PARTITIONS;
            for (EpochMetrics epoch : collective.history()) {
                System.out.printf("cifar-small, 4 executor JVMs, epoch %d: driver %.0f bytes a step (1%% of n x 4 x P"
                        + " is %.0f), a task %.0f bytes a step (2 (P-1)/P n x 4 x 2 is %.0f); vs tree %.3g%n",
                        epoch.epoch(), epoch.driverBytesPerStep(), ceiling, epoch.taskBytesPerStep(),
                        2.0 * (PARTITIONS - 1) / PARTITIONS * n * 4 * 2, difference);
                assertTrue(epoch.driverBytesPerStep() < ceiling, "driver bytes a step " + epoch.driverBytesPerStep());
                assertTrue(epoch.taskBytesPerStep() < 1.05 * 2.0 * (PARTITIONS - 1) / PARTITIONS * n * 4 * 2,
                        "a task sends and receives what a ring would: " + epoch.taskBytesPerStep());
            }
            assertTrue(difference <= 1e-5, "the collective differs from the tree path by " + difference);
            // Overlapped with backward, bucket by bucket across the executor JVMs (the
            // settings are read from the live conf at every round): the same parameters, bit for bit.
            sc.sc().conf().set(CollectiveSettings.OVERLAP, "true");
            TrainingResult overlapped;
            try {
                overlapped = new DistributedTrainer(sc, cifar, config.allReduce(AllReduce.AUTO).build())
                        .withLog(line -> { }).fit(data);
            } finally {
                sc.sc().conf().set(CollectiveSettings.OVERLAP, "false");
            }
            assertArrayEquals(collective.params(), overlapped.params(), "overlapped across executor JVMs");
            assertTrue(overlapped.history().get(0).taskBytesPerStep() > collective.history().get(0).taskBytesPerStep(),
                    "the overlapped run took the bucketed path");
        } finally {
            data.release();
        }
    }

    /** {@code n} random 3x32x32 images in 10 classes, each class a brighter colour channel. */
    private static LabelledImages colourImages(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int size = 3 * 32 * 32;
        float[] pixels = new float[n * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
            for (int j = 0; j < size; j++) {
                pixels[i * size + j] = (float) random.nextDouble() * 0.5f + (j / 1024 == labels[i] % 3 ? 0.5f : 0f);
            }
        }
        return new LabelledImages(org.convspark.engine.tensor.Shape.of(3, 32, 32), pixels, labels, 10);
    }
}
