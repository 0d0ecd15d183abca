package org.convspark.driver;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import org.convspark.driver.data.Shard;
import org.convspark.driver.round.StepAggregate;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

/**
 * Fails a run at start-up, not at step 1 on an executor, when the Spark serializer settings are
 * wrong: the serializer must be Kryo, the registrator must include {@link
 * ConvsparkKryoRegistrator}, and an aggregate and a shard must survive a round trip through the
 * configured serializer (which also catches a registrator that is missing from the classpath or
 * that misses a class under {@code spark.kryo.registrationRequired=true}). Every message names
 * the setting to change.
 */
public final class SerializerSelfCheck {
    static final String KRYO = "org.apache.spark.serializer.KryoSerializer";
    static final String REGISTRATOR = ConvsparkKryoRegistrator.class.getName();

    private SerializerSelfCheck() {
    }

    /** The settings a session needs; callers add them to their {@code SparkConf} or {@code spark-defaults}. */
    public static SparkConf configure(SparkConf conf) {
        return conf.set("spark.serializer", KRYO).set("spark.kryo.registrator", REGISTRATOR);
    }

    /** Throws {@link IllegalStateException} naming the Spark setting that is wrong. */
    public static void verify(SparkConf conf) {
        String serializer = conf.get("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
        if (!KRYO.equals(serializer)) {
            throw new IllegalStateException("spark.serializer is " + serializer + "; convspark needs spark.serializer="
                    + KRYO + " (and spark.kryo.registrator=" + REGISTRATOR + ")");
        }
        String registrators = conf.get("spark.kryo.registrator", "");
        if (Arrays.stream(registrators.split(",")).map(String::trim).noneMatch(REGISTRATOR::equals)) {
            throw new IllegalStateException("spark.kryo.registrator is '" + registrators + "'; it must include "
                    + REGISTRATOR + " so the parameters, shards and gradient aggregates serialize");
        }
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            throw new IllegalStateException("no SparkEnv: start a SparkSession before training");
        }
        SerializerInstance instance = env.serializer().newInstance();
        try {
            StepAggregate aggregate = new StepAggregate();
            aggregate.addVector(new float[] {1.5f, -2f}, 2, 1);
            aggregate.addCompute(7);
            StepAggregate back = roundTrip(instance, aggregate, StepAggregate.class);
            Shard shard = Shard.of(3, 2, new float[] {0.25f, 0.5f}, new int[] {4});
            Shard shardBack = roundTrip(instance, shard, Shard.class);
            float[] values = new float[2];
            shardBack.copy(0, 1, values);
            if (!Arrays.equals(back.vector(), aggregate.vector()) || back.maxComputeNanos() != 7
                    || shardBack.start() != 3 || !Arrays.equals(values, new float[] {0.25f, 0.5f})
                    || !Arrays.equals(shardBack.labels(), shard.labels())) {
                throw new IllegalStateException("values changed in the round trip");
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("the configured Kryo serializer cannot round-trip convspark's classes ("
                    + e + "); check spark.kryo.registrator=" + REGISTRATOR + " and that the convspark jar is on "
                    + "the driver and executor classpath", e);
        }
    }

    private static <T> T roundTrip(SerializerInstance instance, T value, Class<T> type) {
        ClassTag<T> tag = ClassTag$.MODULE$.apply(type);
        ByteBuffer bytes = instance.serialize(value, tag);
        return instance.deserialize(bytes, tag);
    }
}
