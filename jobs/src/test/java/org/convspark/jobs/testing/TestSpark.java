package org.convspark.jobs.testing;

import org.apache.spark.sql.SparkSession;
import org.convspark.driver.testing.LocalSpark;
import org.convspark.jobs.spark.SparkSessions;

/**
 * The jobs tests' Spark session: the driver's strict {@link LocalSpark} with the commands'
 * registrators added. Commands run in-process join it (and do not stop it), so tests pay for one
 * Spark start-up.
 */
public final class TestSpark {
    private TestSpark() {
    }

    public static SparkSession session() {
        return LocalSpark.session(LocalSpark.conf(LocalSpark.MASTER, "convspark-jobs-tests")
                .set("spark.kryo.registrator", SparkSessions.REGISTRATORS));
    }
}
