package org.convspark.driver;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Explicit Kryo formats for the classes that carry arrays between JVMs: field by field, no
 * reflection, so what travels is exactly what is written here.
 */
final class KryoSerializers {
    private KryoSerializers() {
    }

    static final class ShardSerializer extends Serializer<Shard> {
        @Override
        public void write(Kryo kryo, Output output, Shard shard) {
            output.writeInt(shard.start());
            output.writeInt(shard.sampleSize());
            output.writeInt(shard.count());
            output.writeInts(shard.labels());
            output.writeFloats(shard.pixels());
        }

        @Override
        public Shard read(Kryo kryo, Input input, Class<Shard> type) {
            int start = input.readInt();
            int sampleSize = input.readInt();
            int count = input.readInt();
            int[] labels = input.readInts(count);
            float[] pixels = input.readFloats(Math.multiplyExact(count, sampleSize));
            return new Shard(start, sampleSize, pixels, labels);
        }
    }

    static final class StepAggregateSerializer extends Serializer<StepAggregate> {
        @Override
        public void write(Kryo kryo, Output output, StepAggregate a) {
            double[] vector = a.vector();
            output.writeInt(vector == null ? -1 : vector.length);
            if (vector != null) {
                output.writeDoubles(vector);
            }
            output.writeDouble(a.weight());
            output.writeDouble(a.lossSum());
            output.writeLong(a.correct());
            output.writeLong(a.count());
            output.writeLong(a.computeNanos());
            output.writeLong(a.maxComputeNanos());
        }

        @Override
        public StepAggregate read(Kryo kryo, Input input, Class<StepAggregate> type) {
            int length = input.readInt();
            double[] vector = length < 0 ? null : input.readDoubles(length);
            return new StepAggregate(vector, input.readDouble(), input.readDouble(), input.readLong(),
                    input.readLong(), input.readLong(), input.readLong());
        }
    }
}
