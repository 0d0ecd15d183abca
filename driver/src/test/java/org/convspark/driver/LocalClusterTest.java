package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.model.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Training with real executor JVMs: {@code local-cluster[2,1,1024]} starts two workers with one
 * executor JVM each, from the Spark home the build assembles in {@code target/sparkhome} (Surefire
 * sets {@code SPARK_HOME} and {@code SPARK_SCALA_VERSION}). Everything crosses JVM boundaries:
 * the shards, the broadcast parameters and the aggregates through Kryo with registration
 * required, the spec as JSON. The parameters must equal the {@code local[2]} run's.
 */
class LocalClusterTest {
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = TestData.smallConvNet();
    private static final OptimizerConfig OPTIMIZER = OptimizerConfig.of("momentum", 0.05);

    @AfterAll
    static void backToLocal() {
        SparkTestSupport.stop();
    }

    private static float[] train(SparkSession spark) {
        JavaSparkContext sc = SparkTestSupport.context(spark);
        ShardedDataset data = ShardedDataset.fromArrays(sc, DATA, 2);
        try {
            TrainerConfig config = TrainerConfig.builder().epochs(2).maxSteps(20).batchSize(32).seed(3)
                    .optimizer(OPTIMIZER).build();
            return new DistributedTrainer(sc, SPEC, config).withLog(line -> { }).fit(data).params();
        } finally {
            data.release();
        }
    }

    @Test
    void twoExecutorJvmsReachTheLocalParameters() throws Exception {
        float[] local = train(SparkTestSupport.local());
        SparkConf conf = SparkTestSupport.conf("local-cluster[2,1,1024]")
                .set("spark.executor.extraClassPath", String.join(File.pathSeparator, classpath()))
                .set("spark.executor.extraJavaOptions", System.getProperty("convspark.executor.javaOptions", ""))
                .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
                .set("spark.executor.memory", "1g");
        prepareSparkHome();
        SparkSession cluster = SparkTestSupport.session(conf);
        Set<String> executorsThatRanTasks = ConcurrentHashMap.newKeySet();
        cluster.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                executorsThatRanTasks.add(end.taskInfo().executorId());
            }
        });
        float[] distributed = train(cluster);
        cluster.sparkContext().listenerBus().waitUntilEmpty();
        assertEquals(Set.of("0", "1"), executorsThatRanTasks, "both executor JVMs ran tasks, the driver none");
        double difference = EngineAlone.relativeDifference(distributed, local);
        assertTrue(difference <= 1e-5, "real executors differ from local[2] by " + difference);
        float[] initial = new Network(SPEC).initialParameters(3);
        assertTrue(EngineAlone.relativeDifference(initial, distributed) > 1e-2, "training moved the parameters");
    }

    /** The classes executors need that are not in the Spark home: convspark's own. */
    private static List<String> classpath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {DistributedTrainer.class, Network.class, LocalClusterTest.class}) {
            entries.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return entries;
    }

    /** Spark's launcher takes {@code $SPARK_HOME/jars} only in a release layout, which a RELEASE file marks. */
    private static void prepareSparkHome() throws IOException {
        String home = System.getenv("SPARK_HOME");
        assertTrue(home != null && Files.isDirectory(Path.of(home, "jars")),
                "SPARK_HOME must point at the Spark home the build assembles (target/sparkhome), got " + home);
        Path release = Path.of(home, "RELEASE");
        if (!Files.exists(release)) {
            Files.writeString(release, "Spark home assembled from Maven jars by the convspark build\n");
        }
    }
}
