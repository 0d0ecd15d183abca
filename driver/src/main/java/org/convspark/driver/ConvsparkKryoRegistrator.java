package org.convspark.driver;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.convspark.driver.data.Shard;
import org.convspark.driver.round.RoundResult;
import org.convspark.driver.round.StepAggregate;

/**
 * Registers every class convspark sends between JVMs, so runs work with
 * {@code spark.kryo.registrationRequired=true}: the broadcast parameters ({@code float[]}, and
 * {@code float[][]} for a round's starting parameters and optimizer state), shards (and the pieces they are loaded from), the step
 * aggregate and a barrier round's result. The model spec travels as its JSON string, never as objects. Set with
 * {@code spark.kryo.registrator=org.convspark.driver.ConvsparkKryoRegistrator}.
 */
public final class ConvsparkKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(float[].class);
        kryo.register(float[][].class);
        kryo.register(int[].class);
        kryo.register(double[].class);
        kryo.register(long[].class);
        kryo.register(Shard.class, new KryoSerializers.ShardSerializer());
        kryo.register(StepAggregate.class, new KryoSerializers.StepAggregateSerializer());
        kryo.register(RoundResult.class, new KryoSerializers.RoundResultSerializer());
        // a task's results travel as an array of them
        kryo.register(RoundResult[].class);
    }
}
