package org.convspark.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.testing.LocalSpark;
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
    void commandsTurnArtifactIsolationOffUnlessTheUserSetsIt() {
        SparkConf conf = SparkSessions.conf(new SparkConf(false), "test", "local[2]");
        assertEquals("false", conf.get(SparkSessions.ARTIFACT_ISOLATION));
        assertEquals("local[2]", conf.get("spark.master"));
        assertEquals(SparkSessions.REGISTRATORS, conf.get("spark.kryo.registrator"));
        assertEquals("true", SparkSessions.conf(new SparkConf(false).set(SparkSessions.ARTIFACT_ISOLATION, "true"),
                "test", null).get(SparkSessions.ARTIFACT_ISOLATION), "a user's own setting stands");
    }

    /**
     * What the setting changes, in a running session: with isolation on, a Dataset action's task runs
     * under Spark's per-session ExecutorClassLoader (the loader whose class fetches from the driver
     * hang under spark.network.crypto.enabled); with it off, under the application's loader.
     */
    @Test
    void withIsolationOffDatasetTasksRunUnderTheApplicationsClassLoader() {
        SparkSession spark = LocalSpark.session(LocalSpark.conf(LocalSpark.MASTER, "isolation"));
        assertEquals("false", spark.sparkContext().getConf().get(SparkSessions.ARTIFACT_ISOLATION));
        for (String loader : taskClassLoaders(spark)) {
            assertFalse(loader.contains("ExecutorClassLoader"), loader);
        }
    }

    static List<String> taskClassLoaders(SparkSession spark) {
        return spark.range(0, 4, 1, 2).mapPartitions(
                (MapPartitionsFunction<Long, String>) rows -> List.of(
                        Thread.currentThread().getContextClassLoader().getClass().getName()).iterator(),
                Encoders.STRING()).collectAsList();
    }

    @Test
    void commandsEnableTheMetricsPluginUnlessTheUserNamesPlugins() {
        assertEquals("org.convspark.driver.metrics.TrainingMetricsPlugin",
                SparkSessions.conf(new SparkConf(false), "test", "local[2]").get(SparkSessions.PLUGINS));
        assertEquals("com.example.TheirPlugin", SparkSessions.conf(
                new SparkConf(false).set(SparkSessions.PLUGINS, "com.example.TheirPlugin"), "test", null)
                .get(SparkSessions.PLUGINS), "a user's own list stands");
        assertEquals("", SparkSessions.conf(new SparkConf(false).set(SparkSessions.PLUGINS, ""), "test", null)
                .get(SparkSessions.PLUGINS), "an empty list turns it off");
    }

    @Test
    void masterOptionIsCheckedAgainstSparkSubmit() {
        SparkSessions.checkMasterOption("local[2]");
        SparkSessions.checkMasterOption(null);
        assertEquals("--master: empty value",
                assertThrows(IllegalArgumentException.class, () -> SparkSessions.checkMasterOption(" ")).getMessage());
    }
}
