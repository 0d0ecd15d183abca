package org.convspark.ml;

import org.apache.spark.sql.SparkSession;
import org.convspark.driver.testing.LocalSpark;

/**
 * The Spark ML tests' session: the driver's {@link LocalSpark} without Kryo's registration
 * requirement, because Spark ML's own model writers serialize Spark SQL types it does not
 * register ({@code ArrayType}); a user's session is the same.
 */
final class TestSpark {
    private TestSpark() {
    }

    static SparkSession session() {
        return LocalSpark.session(LocalSpark.conf(LocalSpark.MASTER, "convspark-ml-tests")
                .set("spark.kryo.registrationRequired", "false"));
    }
}
