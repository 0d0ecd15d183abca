package org.convspark.jobs.spark;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.ConvsparkKryoRegistrator;
import org.convspark.driver.SerializerSelfCheck;

/**
 * The session a command runs in. Under {@code spark-submit} the master and every setting come
 * from there (spark-submit passes them as {@code spark.*} system properties, so
 * {@code spark.master} is already set) and {@code --master} is refused; run directly, the master
 * is {@code --master} or {@code local[*]}. Kryo with convspark's registrators is set unless the
 * configuration names a serializer itself; either way the driver's self-check runs, so a wrong
 * setting fails at start-up with the setting's name.
 */
public final class SparkSessions {
    public static final String DEFAULT_MASTER = "local[*]";
    /** The value of {@code spark.kryo.registrator} convspark's commands need: the driver's and their own. */
    public static final String REGISTRATORS = ConvsparkKryoRegistrator.class.getName() + ","
            + JobsKryoRegistrator.class.getName();
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
        checkMasterOption(masterOption);
        SparkConf conf = new SparkConf();
        if (submittedMaster() == null) {
            conf.setMaster(masterOption != null ? masterOption : DEFAULT_MASTER);
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(appName);
        }
        if (!conf.contains("spark.serializer")) {
            conf = SerializerSelfCheck.configure(conf).set("spark.kryo.registrator", REGISTRATORS);
        }
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
