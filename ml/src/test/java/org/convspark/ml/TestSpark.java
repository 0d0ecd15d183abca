package org.convspark.ml;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.SerializerSelfCheck;

/**
 * One {@code local[2]} session for the test JVM: convspark's Kryo settings (what a fit checks),
 * loopback only, no UI, two shuffle partitions (the test frames are small).
 */
final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = SerializerSelfCheck.configure(new SparkConf())
                    .setMaster("local[2]")
                    .setAppName("convspark-ml-tests")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false")
                    .set("spark.sql.shuffle.partitions", "2");
            session = SparkSession.builder().config(conf).getOrCreate();
        }
        return session;
    }
}
