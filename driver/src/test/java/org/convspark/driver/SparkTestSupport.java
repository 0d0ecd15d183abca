package org.convspark.driver;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.testing.LocalSpark;

/**
 * The driver tests' Spark session, {@link LocalSpark}'s on {@code local[2,2]} (two task threads,
 * a failed task is retried once, which the fault test relies on). The real-executor test
 * replaces it.
 */
public final class SparkTestSupport {
    static final String LOCAL_MASTER = "local[2,2]";

    private SparkTestSupport() {
    }

    static SparkConf conf(String master) {
        return LocalSpark.conf(master, "convspark-driver-tests");
    }

    public static SparkSession local() {
        return session(conf(LOCAL_MASTER));
    }

    /** A session for {@code conf}, stopping the previous one if its master differs. */
    static SparkSession session(SparkConf conf) {
        return LocalSpark.session(conf);
    }

    static void stop() {
        LocalSpark.stop();
    }

    public static JavaSparkContext context(SparkSession session) {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }
}
