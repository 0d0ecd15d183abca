package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.convspark.driver.data.SampleChunks;
import org.convspark.driver.data.Shard;
import org.convspark.driver.round.StepAggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

class SerializerSelfCheckTest {
    @BeforeAll
    static void start() {
        SparkTestSupport.local();
    }

    @Test
    void passesWithTheConfiguredSession() {
        SerializerSelfCheck.verify(SparkTestSupport.conf(SparkTestSupport.LOCAL_MASTER));
    }

    @Test
    void namesTheWrongSetting() {
        SparkConf javaSerializer = SparkTestSupport.conf("local[1]").remove("spark.serializer");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SerializerSelfCheck.verify(javaSerializer));
        assertTrue(e.getMessage().startsWith("spark.serializer is org.apache.spark.serializer.JavaSerializer;"),
                e.getMessage());
        SparkConf noRegistrator = SparkTestSupport.conf("local[1]").remove("spark.kryo.registrator");
        IllegalStateException registrator = assertThrows(IllegalStateException.class,
                () -> SerializerSelfCheck.verify(noRegistrator));
        assertTrue(registrator.getMessage().startsWith("spark.kryo.registrator is ''"), registrator.getMessage());
    }

    @Test
    void everyTravellingClassRoundTripsWithRegistrationRequired() {
        SerializerInstance kryo = new KryoSerializer(SparkTestSupport.conf("local[1]")).newInstance();
        StepAggregate aggregate = new StepAggregate();
        aggregate.addVector(new float[] {1, 2, 3}, 3, 2);
        aggregate.addCompute(5);
        StepAggregate back = roundTrip(kryo, aggregate, StepAggregate.class);
        assertEquals(6.0, back.vector()[2]);
        assertEquals(2.0, back.weight());
        assertEquals(0, roundTrip(kryo, new StepAggregate(), StepAggregate.class).count());
        assertEquals(2, roundTrip(kryo, new float[][] {{1}, {2, 3}}, float[][].class)[1].length);
        Shard shard = roundTrip(kryo, Shard.of(10, 2, new float[] {1, 2, 3, 4}, new int[] {0, 1}), Shard.class);
        assertEquals(12, shard.end());
    }

    /** An 8-bit shard in chunks travels as its bytes and comes back bit for bit. */
    @Test
    void anEightBitShardTravelsAsItsBytes() {
        SerializerInstance kryo = new KryoSerializer(SparkTestSupport.conf("local[1]")).newInstance();
        float[] values = new float[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 37 % 256) / 255f;
        }
        SampleChunks.Builder builder = new SampleChunks.Builder(SampleChunks.Encoding.BYTES, 3, 4, 6, null);
        for (int s = 0; s < 4; s++) {
            builder.put(s, values, 3 * s);
        }
        Shard back = roundTrip(kryo, new Shard(7, builder.build(), new int[] {0, 1, 2, 3}), Shard.class);
        assertEquals(SampleChunks.Encoding.BYTES, back.samples().encoding());
        assertEquals(2, back.samples().chunks().size());
        float[] read = new float[12];
        back.copy(0, 4, read);
        assertArrayEquals(values, read);
    }

    /** A shard on disk handed to another executor arrives with its values, in the heap. */
    @Test
    void aShardOnDiskTravelsByValue(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        SerializerInstance kryo = new KryoSerializer(SparkTestSupport.conf("local[1]")).newInstance();
        float[] values = {0, 1 / 255f, 2 / 255f, 1, 0.5f, 0.25f};
        SampleChunks.Builder builder = new SampleChunks.Builder(SampleChunks.Encoding.BYTES, 2, 3, 2,
                tmp.resolve("shard"));
        for (int s = 0; s < 3; s++) {
            builder.put(s, values, 2 * s);
        }
        Shard onDisk = new Shard(40, builder.build(), new int[] {1, 2, 0});
        assertTrue(onDisk.samples().onDisk());
        Shard back = roundTrip(kryo, onDisk, Shard.class);
        assertEquals(false, back.samples().onDisk());
        assertEquals(SampleChunks.Encoding.FLOATS, back.samples().encoding(), "0.5 is not an 8-bit pixel");
        float[] read = new float[6];
        back.copy(0, 3, read);
        assertArrayEquals(values, read);
        assertArrayEquals(new int[] {1, 2, 0}, back.labels());
        assertEquals(40, back.start());
    }

    @Test
    void aPartitionsAggregateTravelsAsFloatsLosslesslyAndAMergedOneAsDoubles() {
        SerializerInstance kryo = new KryoSerializer(SparkTestSupport.conf("local[1]")).newInstance();
        int n = 1000;
        float[] gradient = new float[n];
        for (int i = 0; i < n; i++) {
            gradient[i] = (float) Math.sin(i) * 1e-3f * (i + 1);
        }
        StepAggregate partition = new StepAggregate();
        partition.addVector(gradient, n, 1);
        ByteBuffer floats = kryo.serialize(partition, ClassTag$.MODULE$.apply(StepAggregate.class));
        assertTrue(floats.remaining() < 4 * n + 100, floats.remaining() + " bytes for " + n + " floats");
        StepAggregate back = roundTrip(kryo, partition, StepAggregate.class);
        assertArrayEquals(partition.vector(), back.vector(), 0.0);

        StepAggregate merged = new StepAggregate();
        merged.addVector(gradient, n, 1);
        float[] third = new float[n];
        java.util.Arrays.fill(third, 1f / 3);
        merged.addVector(third, n, 1e-9);
        ByteBuffer doubles = kryo.serialize(merged, ClassTag$.MODULE$.apply(StepAggregate.class));
        assertTrue(doubles.remaining() >= 8 * n, doubles.remaining() + " bytes for " + n + " doubles");
        assertArrayEquals(merged.vector(), roundTrip(kryo, merged, StepAggregate.class).vector(), 0.0);
    }

    private static <T> T roundTrip(SerializerInstance instance, T value, Class<T> type) {
        ByteBuffer bytes = instance.serialize(value, ClassTag$.MODULE$.apply(type));
        return instance.deserialize(bytes, ClassTag$.MODULE$.apply(type));
    }
}
