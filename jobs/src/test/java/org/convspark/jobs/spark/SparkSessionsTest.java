package org.convspark.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
    @Test
    void registrationRequiredNeedsTheJobsRegistrator() {
        SparkConf conf = new SparkConf(false).set("spark.kryo.registrationRequired", "true")
                .set("spark.kryo.registrator", "org.convspark.driver.ConvsparkKryoRegistrator");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkSessions.checkJobsRegistrator(conf));
        assertEquals("spark.kryo.registrationRequired is true and spark.kryo.registrator is "
                + "'org.convspark.driver.ConvsparkKryoRegistrator'; convspark's commands need spark.kryo.registrator="
                + "org.convspark.driver.ConvsparkKryoRegistrator,org.convspark.jobs.spark.JobsKryoRegistrator",
                e.getMessage());
        SparkSessions.checkJobsRegistrator(conf.set("spark.kryo.registrator", SparkSessions.REGISTRATORS));
        SparkSessions.checkJobsRegistrator(new SparkConf(false));
    }

    @Test
    void masterOptionIsCheckedAgainstSparkSubmit() {
        SparkSessions.checkMasterOption("local[2]");
        SparkSessions.checkMasterOption(null);
        assertEquals("--master: empty value",
                assertThrows(IllegalArgumentException.class, () -> SparkSessions.checkMasterOption(" ")).getMessage());
    }
}
