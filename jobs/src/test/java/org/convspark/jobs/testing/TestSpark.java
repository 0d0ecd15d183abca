package org.convspark.jobs.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.SerializerSelfCheck;
import org.convspark.jobs.spark.SparkSessions;

/**
 * One {@code local[2]} session for the whole test JVM, as strict as a cluster should be: Kryo
 * with registration required, loopback only, no UI. Commands run in-process join it (and do not
 * stop it), so tests pay for one Spark start-up.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = SerializerSelfCheck.configure(new SparkConf())
                    .setMaster("local[2]")
                    .setAppName("convspark-jobs-tests")
                    .set("spark.kryo.registrator", SparkSessions.REGISTRATORS)
                    .set("spark.kryo.registrationRequired", "true")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false")
                    .set("spark.sql.shuffle.partitions", "2");
            session = SparkSession.builder().config(conf).getOrCreate();
        }
        return session;
    }
}
