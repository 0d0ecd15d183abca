package org.convspark.driver;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session per test JVM, shared by the test classes: {@code local[2,2]} (two task
 * threads, a failed task is retried once, which the fault test relies on), Kryo with
 * registration required, loopback only, no UI. The real-executor test replaces it.
 */
final class SparkTestSupport {
    static final String LOCAL_MASTER = "local[2,2]";
    private static SparkSession current;
    private static String currentMaster;

    private SparkTestSupport() {
    }

    static SparkConf conf(String master) {
        return SerializerSelfCheck.configure(new SparkConf())
                .setMaster(master)
                .setAppName("convspark-driver-tests")
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "2");
    }

    static synchronized SparkSession local() {
        return session(conf(LOCAL_MASTER));
    }

    /** A session for {@code conf}, stopping the previous one if its master differs. */
    static synchronized SparkSession session(SparkConf conf) {
        String master = conf.get("spark.master");
        if (current != null && !master.equals(currentMaster)) {
            current.stop();
            current = null;
        }
        if (current == null) {
            current = SparkSession.builder().config(conf).getOrCreate();
            currentMaster = master;
        }
        return current;
    }

    static synchronized void stop() {
        if (current != null) {
            current.stop();
            current = null;
        }
    }

    static JavaSparkContext context(SparkSession session) {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }
}
