package org.convspark.driver.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.SerializerSelfCheck;

/**
 * The Spark session of a test JVM, for the driver's, the Spark ML module's and the jobs' tests:
 * as strict as a cluster should be (convspark's Kryo settings with registration required),
 * loopback only, no UI, two shuffle partitions (test frames are small). One session per JVM, so
 * tests pay for one Spark start-up.
 */
public final class LocalSpark {
    /** Two task threads: enough to run partitions side by side on the 2-core CI machine. */
    public static final String MASTER = "local[2]";
    private static SparkSession current;
    private static String currentMaster;

    private LocalSpark() {
    }

    public static SparkConf conf(String master, String appName) {
        return SerializerSelfCheck.configure(new SparkConf())
                .setMaster(master)
                .setAppName(appName)
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "2")
                // As the commands' sessions (SparkSessions.conf): tasks of Dataset actions run under the
                // application's class loader, not a per-session one that fetches classes from the driver.
                .set("spark.sql.artifact.isolation.enabled", "false");
    }

    /**
     * The session for {@code conf}: the running one if its master is the same (the rest of
     * {@code conf} is then not applied), else a new one after stopping the old.
     */
    public static synchronized SparkSession session(SparkConf conf) {
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

    public static synchronized void stop() {
        if (current != null) {
            current.stop();
            current = null;
        }
    }
}
