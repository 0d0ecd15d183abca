package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.model.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Training with real executor JVMs ({@link LocalCluster}: two workers with one executor JVM each).
 * Everything crosses JVM boundaries: the shards, the broadcast parameters and the aggregates
 * through Kryo with registration required, the spec as JSON. The parameters must equal the
 * {@code local[2]} run's (tree all-reduce), with either all-reduce, also when an executor JVM is
 * killed mid-training (with barrier all-reduce, the listener arms the kill at the end of the
 * first round, an epoch of 7 steps, and it lands on the second round's first task). The tests share
 * one cluster (it takes about 12 s to start); the one that kills an executor runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = TestData.smallConvNet();
    private static final OptimizerConfig OPTIMIZER = OptimizerConfig.of("momentum", 0.05);
    /** The step after which an executor is killed: the kill lands on the next step's first task. */
    private static final int KILL_AFTER_STEP = 6;

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
        JavaSparkContext sc = SparkTestSupport.context(spark);
        ShardedDataset data = ShardedDataset.fromArrays(sc, DATA, 2);
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
    void twoExecutorJvmsReachTheLocalParameters(AllReduce mode) throws Exception {
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
        assertEquals(Set.of("0", "1"), executorsThatRanTasks, "both executor JVMs ran tasks, the driver none");
        assertSameAsLocal(distributed, "real executors, all_reduce " + mode);
    }

    /**
     * Issue 7, acceptance 2: after step {@value #KILL_AFTER_STEP} the next task to start has its
     * executor JVM killed ({@code destroyForcibly}, as the OS would on a lost machine). Spark
     * retries the lost tasks (recomputing the lost cached shards) and the Worker launches a new
     * executor; the run must end with the undisturbed parameters.
     */
    @ParameterizedTest
    @EnumSource(AllReduce.class)
    @Order(2)
    void killingAnExecutorJvmMidTrainingChangesNothing(AllReduce mode) throws Exception {
        ExecutorKiller killer = new ExecutorKiller(cluster);
        session.sparkContext().addSparkListener(killer);
        float[] distributed;
        try {
            distributed = train(session, mode, (step, total, epoch, loss) -> killer.armIf(step == KILL_AFTER_STEP));
            session.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            session.sparkContext().removeSparkListener(killer);
        }
        System.out.println("executor loss: " + killer);
        assertTrue(killer.killedExecutor() != null, "an executor was killed: " + killer);
        assertTrue(killer.removed().contains(killer.killedExecutor()), "Spark saw the executor go: " + killer);
        assertSameAsLocal(distributed, "the run that lost an executor, all_reduce " + mode);
    }
}
