package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.model.Network;

/**
 * Real executor JVMs for tests: {@code local-cluster[4,1,1024]} starts a Master and four Workers in
 * this JVM, each Worker one executor JVM, from the Spark home the build assembles in
 * {@code target/sparkhome} (Surefire sets {@code SPARK_HOME} and {@code SPARK_SCALA_VERSION}). The
 * executors get convspark's classes on their class path, the Java 17 options, single-threaded
 * OpenBLAS, up to 4 attempts per task (what a cluster has by default, so a lost executor's tasks
 * are retried), and a marker system property naming this cluster, by which {@link #executor}
 * finds their processes.
 */
final class LocalCluster {
    static final String MASTER = "local-cluster[4,1,1024]";
    private static final String MARKER_PROPERTY = "convspark.test.cluster";

    private final String marker = UUID.randomUUID().toString();

    /** Starts the cluster (stopping any other test session first); four executors register in about 15 s. */
    SparkSession start() throws IOException, URISyntaxException {
        return start(MASTER, new SparkConf(false));
    }

    /** Starts {@code master} (a {@code local-cluster[...]}) with {@code extra} settings on top of the usual ones. */
    SparkSession start(String master, SparkConf extra) throws IOException, URISyntaxException {
        prepareSparkHome();
        SparkConf conf = SparkTestSupport.conf(master)
                .set("spark.executor.extraClassPath", String.join(File.pathSeparator, classpath()))
                .set("spark.executor.extraJavaOptions", System.getProperty("convspark.executor.javaOptions", "")
                        + " -D" + MARKER_PROPERTY + "=" + marker)
                .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
                .set("spark.executor.memory", "1g")
                .set("spark.task.maxFailures", "4");
        for (scala.Tuple2<String, String> setting : extra.getAll()) {
            conf.set(setting._1(), setting._2());
        }
        return SparkTestSupport.session(conf);
    }

    /** The running JVM of executor {@code executorId} of this cluster, found by its command line. */
    Optional<ProcessHandle> executor(String executorId) {
        String markerOption = "-D" + MARKER_PROPERTY + "=" + marker;
        return ProcessHandle.allProcesses().filter(p -> {
            List<String> args = p.info().arguments().map(List::of).orElse(List.of());
            int id = args.indexOf("--executor-id");
            return args.contains(markerOption) && id >= 0 && id + 1 < args.size()
                    && args.get(id + 1).equals(executorId);
        }).findFirst();
    }

    /** The classes executors need that are not in the Spark home: convspark's own. */
    private static List<String> classpath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {DistributedTrainer.class, Network.class, LocalCluster.class}) {
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
