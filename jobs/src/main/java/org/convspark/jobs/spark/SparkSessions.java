package org.convspark.jobs.spark;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.ConvsparkKryoRegistrator;
import org.convspark.driver.SerializerSelfCheck;
import org.convspark.driver.metrics.TrainingMetricsPlugin;

/**
 * The session a command runs in. Under {@code spark-submit} the master and every setting come
 * from there (spark-submit passes them as {@code spark.*} system properties, so
 * {@code spark.master} is already set) and {@code --master} is refused; run directly, the master
 * is {@code --master} or {@code local[*]}. Kryo with convspark's registrators is set unless the
 * configuration names a serializer itself; either way the driver's self-check runs, so a wrong
 * setting fails at start-up with the setting's name. convspark's metrics plugin is on unless the
 * configuration names plugins itself.
 */
public final class SparkSessions {
    public static final String DEFAULT_MASTER = "local[*]";
    /** The value of {@code spark.kryo.registrator} convspark's commands need: the driver's and their own. */
    public static final String REGISTRATORS = ConvsparkKryoRegistrator.class.getName() + ","
            + JobsKryoRegistrator.class.getName();
    static final String ARTIFACT_ISOLATION = "spark.sql.artifact.isolation.enabled";
    static final String PLUGINS = "spark.plugins";
    private static final AtomicInteger STARTED = new AtomicInteger();

    private SparkSessions() {
    }

    /** The master spark-submit set for this JVM, or null when not run by spark-submit. */
    public static String submittedMaster() {
        return System.getProperty("spark.master");
    }

    /**
     * Checks {@code --master} before anything starts: refused under spark-submit, where the
     * master is spark-submit's own option.
     */
    public static void checkMasterOption(String masterOption) {
        String submitted = submittedMaster();
        if (masterOption != null && submitted != null) {
            throw new IllegalArgumentException("--master " + masterOption + ": this run was started by spark-submit "
                    + "with master " + submitted + "; give the master to spark-submit, not to the command");
        }
        if (masterOption != null && masterOption.isBlank()) {
            throw new IllegalArgumentException("--master: empty value");
        }
    }

    /** Starts or joins the session; {@link OpenSession#close()} stops it only if this call started it. */
    public static OpenSession open(String appName, String masterOption) {
        SparkConf conf = conf(new SparkConf(), appName, masterOption);
        boolean existed = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        STARTED.incrementAndGet();
        try {
            SerializerSelfCheck.verify(spark.sparkContext().getConf());
            checkJobsRegistrator(spark.sparkContext().getConf());
        } catch (IllegalStateException e) {
            if (!existed) {
                spark.stop();
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new OpenSession(spark, !existed);
    }

    /**
     * The settings a command's session starts with: what spark-submit or the system properties
     * give ({@code base}), and where they are silent the master, the application name, Kryo with
     * convspark's registrators, {@value #ARTIFACT_ISOLATION} off and {@link TrainingMetricsPlugin}
     * (a run's progress in whatever metric sinks the configuration has; without one it costs a few
     * volatile writes a step).
     *
     * <p>Why isolation off: Spark 4 runs each Dataset action's tasks under a per-session {@code
     * ExecutorClassLoader} that fetches unknown classes (even a primitive's name, {@code int}, while
     * deserializing a task) from the driver over an AES-encrypted stream when {@code
     * spark.network.crypto.enabled} is on; the loader is not parallel-capable and holds its lock
     * during the fetch, and commons-crypto, which AES/CTR goes through, keeps the context class
     * loader of the first thread that used it, which can be that very loader. The driver's
     * thread answering the fetch then waits for the lock the task holds: 120 s of silence, then
     * {@code RemoteClassLoaderError: int.class} (3 runs in 25 of the first command with Spark's
     * authentication and encryption on). convspark ships no REPL or Spark Connect classes, so it
     * has nothing to isolate; with isolation off tasks use the application's class loader and the
     * fetch never happens.
     */
    static SparkConf conf(SparkConf base, String appName, String masterOption) {
        checkMasterOption(masterOption);
        SparkConf conf = base;
        if (submittedMaster() == null) {
            conf.setMaster(masterOption != null ? masterOption : DEFAULT_MASTER);
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(appName);
        }
        if (!conf.contains("spark.serializer")) {
            conf = SerializerSelfCheck.configure(conf).set("spark.kryo.registrator", REGISTRATORS);
        }
        if (!conf.contains(ARTIFACT_ISOLATION)) {
            conf.set(ARTIFACT_ISOLATION, "false");
        }
        if (!conf.contains(PLUGINS)) {
            conf.set(PLUGINS, TrainingMetricsPlugin.class.getName());
        }
        return conf;
    }

    /** With registration required, the commands' own classes must be registered too. */
    static void checkJobsRegistrator(SparkConf conf) {
        if (!conf.getBoolean("spark.kryo.registrationRequired", false)) {
            return;
        }
        String registrators = conf.get("spark.kryo.registrator", "");
        if (Arrays.stream(registrators.split(",")).map(String::trim)
                .noneMatch(JobsKryoRegistrator.class.getName()::equals)) {
            throw new IllegalStateException("spark.kryo.registrationRequired is true and spark.kryo.registrator is '"
                    + registrators + "'; convspark's commands need spark.kryo.registrator=" + REGISTRATORS);
        }
    }

    /** How many sessions commands have opened in this JVM (tests check that bad options open none). */
    public static int opened() {
        return STARTED.get();
    }

    /** A session and whether closing it should stop it. */
    public record OpenSession(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }
}
