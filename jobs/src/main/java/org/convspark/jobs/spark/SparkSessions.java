package org.convspark.jobs.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.ConvsparkKryoRegistrator;
import org.convspark.driver.SerializerSelfCheck;

/**
 * The session a command runs in. Under {@code spark-submit} the master and every setting come
 * from there (spark-submit passes them as {@code spark.*} system properties, so
 * {@code spark.master} is already set) and {@code --master} is refused; run directly, the master
 * is {@code --master} or {@code local[*]}. Kryo with convspark's registrator is set unless the
 * configuration names a serializer itself; either way the driver's self-check runs, so a wrong
 * setting fails at start-up with the setting's name.
 */
public final class SparkSessions {
    public static final String DEFAULT_MASTER = "local[*]";
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
            conf = SerializerSelfCheck.configure(conf);
        }
        boolean existed = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        STARTED.incrementAndGet();
        try {
            SerializerSelfCheck.verify(spark.sparkContext().getConf());
        } catch (IllegalStateException e) {
            if (!existed) {
                spark.stop();
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new OpenSession(spark, !existed);
    }

    /** How many sessions commands have opened in this JVM (tests check that bad options open none). */
    public static int opened() {
        return STARTED.get();
    }

    /** The registrator class name, for messages and configs. */
    public static String registrator() {
        return ConvsparkKryoRegistrator.class.getName();
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
