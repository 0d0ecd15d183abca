package org.convspark.bench.allreduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.SerializerSelfCheck;

/**
 * A {@code local-cluster[P,1,1024]} session: a Master and P Workers in this JVM, each Worker one
 * executor JVM with one core, so every task of a round runs in its own JVM and every byte of the
 * collective crosses Spark's transport over loopback. The settings are those of {@code
 * bin/convspark} (Kryo with registration required, loopback), plus the executors' class path
 * ({@code bench/target/benchmarks.jar}), the Java 17 options and single-threaded OpenBLAS, which
 * {@code bench/allreduce} passes in; Kryo may buffer up to 512 MiB because the tree path's
 * aggregates of 10^7 values are 80 MB.
 */
final class ClusterSession implements AutoCloseable {
    private final SparkSession spark;
    private final JavaSparkContext sc;

    ClusterSession(int executors, String executorClassPath, String executorJavaOptions) throws IOException {
        String home = System.getenv("SPARK_HOME");
        if (home == null || !Files.isDirectory(Path.of(home, "jars")) || !Files.exists(Path.of(home, "RELEASE"))) {
            throw new IllegalStateException("SPARK_HOME must be a Spark home with jars/ and RELEASE (bench/allreduce "
                    + "makes bench/target/sparkhome), got " + home);
        }
        SparkConf conf = SerializerSelfCheck.configure(new SparkConf())
                .setMaster("local-cluster[" + executors + ",1,1024]")
                .setAppName("convspark bench/allreduce")
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.kryoserializer.buffer.max", "512m")
                // The probes' task results (step times, engine timings) arrive as arrays of long[] and double[].
                .set("spark.kryo.classesToRegister", "[[J,[[D")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "1g")
                .set("spark.executor.extraClassPath", executorClassPath)
                .set("spark.executor.extraJavaOptions", executorJavaOptions)
                .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        this.spark = SparkSession.builder().config(conf).getOrCreate();
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setLogLevel("WARN");
        awaitExecutors(executors);
    }

    JavaSparkContext context() {
        return sc;
    }

    /** Partitions 0..count-1 of one element each: with one core per executor, a task on each of count executors. */
    static JavaRDD<Integer> slots(JavaSparkContext sc, int count) {
        return sc.parallelize(java.util.stream.IntStream.range(0, count).boxed().toList(), count);
    }

    /** Executors register a few seconds after the session starts; a barrier job needs all of them. */
    private void awaitExecutors(int executors) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (registered() < executors) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + registered() + " of " + executors
                        + " executors registered in 120 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for executors", e);
            }
        }
    }

    /** Executors registered, the driver (which the status tracker lists too) not counted. */
    private int registered() {
        return sc.sc().statusTracker().getExecutorInfos().length - 1;
    }

    @Override
    public void close() {
        spark.stop();
    }
}
