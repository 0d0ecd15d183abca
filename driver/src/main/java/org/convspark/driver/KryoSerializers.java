package org.convspark.driver;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.convspark.driver.data.SampleChunks;
import org.convspark.driver.data.Shard;
import org.convspark.driver.round.RoundResult;
import org.convspark.driver.round.StepAggregate;

/**
 * Explicit Kryo formats for the classes that carry arrays between JVMs: field by field, no
 * reflection, so what travels is exactly what is written here.
 */
final class KryoSerializers {
    private KryoSerializers() {
    }

    /**
     * A shard as its chunks' bytes in their encoding (one byte per value for 8-bit data). A shard
     * on disk ({@code MEMORY_ONLY}, so never spilled) is written only when Spark hands a cached
     * block to another executor: its bytes are read from its file and it arrives there in the
     * heap, as the file means nothing outside its executor.
     */
    static final class ShardSerializer extends Serializer<Shard> {
        @Override
        public void write(Kryo kryo, Output output, Shard shard) {
            SampleChunks samples = shard.samples();
            output.writeInt(shard.start());
            output.writeInt(samples.sampleSize());
            output.writeInt(shard.count());
            output.writeByte(samples.encoding().ordinal());
            output.writeInt(samples.samplesPerChunk());
            output.writeInts(shard.labels());
            output.writeInt(samples.chunkCount());
            for (int c = 0; c < samples.chunkCount(); c++) {
                ByteBuffer chunk = samples.chunk(c); // one at a time: a shard on disk is read chunk by chunk
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                output.writeInt(bytes.length);
                output.writeBytes(bytes);
            }
        }

        @Override
        public Shard read(Kryo kryo, Input input, Class<Shard> type) {
            int start = input.readInt();
            int sampleSize = input.readInt();
            int count = input.readInt();
            SampleChunks.Encoding encoding = SampleChunks.Encoding.values()[input.readByte()];
            int samplesPerChunk = input.readInt();
            int[] labels = input.readInts(count);
            int chunkCount = input.readInt();
            List<byte[]> chunks = new ArrayList<>(chunkCount);
            for (int c = 0; c < chunkCount; c++) {
                chunks.add(input.readBytes(input.readInt()));
            }
            return new Shard(start, SampleChunks.inHeap(encoding, sampleSize, count, samplesPerChunk, chunks), labels);
        }
    }

    /**
     * A partition's aggregate holds the float gradient sums of its samples widened to double, so
     * its vector is written as floats when every value is exactly a float (losslessly, half the
     * bytes: 247 instead of 494 kB for LeNet-5); vectors already merged in double precision are
     * written as doubles.
     */
    static final class StepAggregateSerializer extends Serializer<StepAggregate> {
        private static final byte NONE = 0;
        private static final byte DOUBLES = 1;
        private static final byte FLOATS = 2;

        @Override
        public void write(Kryo kryo, Output output, StepAggregate a) {
            double[] vector = a.vector();
            if (vector == null) {
                output.writeByte(NONE);
            } else if (allFloats(vector)) {
                output.writeByte(FLOATS);
                output.writeInt(vector.length);
                for (double v : vector) {
                    output.writeFloat((float) v);
                }
            } else {
                output.writeByte(DOUBLES);
                output.writeInt(vector.length);
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
            byte kind = input.readByte();
            double[] vector = switch (kind) {
                case NONE -> null;
                case DOUBLES -> input.readDoubles(input.readInt());
                case FLOATS -> widen(input.readFloats(input.readInt()));
                default -> throw new IllegalStateException("StepAggregate: unknown vector format " + kind);
            };
            return new StepAggregate(vector, input.readDouble(), input.readDouble(), input.readLong(),
                    input.readLong(), input.readLong(), input.readLong());
        }

        private static boolean allFloats(double[] vector) {
            for (double v : vector) {
                if ((double) (float) v != v) {
                    return false;
                }
            }
            return true;
        }

        private static double[] widen(float[] values) {
            double[] vector = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                vector[i] = values[i];
            }
            return vector;
        }
    }

    /** A barrier round's result: its steps' metrics, the parameters and state, the divergence if any. */
    static final class RoundResultSerializer extends Serializer<RoundResult> {
        @Override
        public void write(Kryo kryo, Output output, RoundResult r) {
            output.writeInt(r.steps.length);
            for (StepAggregate step : r.steps) {
                kryo.writeObject(output, step);
            }
            writeFloats(output, r.params);
            output.writeInt(r.state.length);
            for (float[] s : r.state) {
                writeFloats(output, s);
            }
            output.writeLong(r.divergedStep);
            output.writeBoolean(r.divergedGradient != null);
            if (r.divergedGradient != null) {
                writeFloats(output, r.divergedGradient);
            }
            output.writeDouble(r.divergedLoss);
        }

        @Override
        public RoundResult read(Kryo kryo, Input input, Class<RoundResult> type) {
            StepAggregate[] steps = new StepAggregate[input.readInt()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = kryo.readObject(input, StepAggregate.class);
            }
            float[] params = readFloats(input);
            float[][] state = new float[input.readInt()][];
            for (int i = 0; i < state.length; i++) {
                state[i] = readFloats(input);
            }
            long divergedStep = input.readLong();
            float[] gradient = input.readBoolean() ? readFloats(input) : null;
            return new RoundResult(steps, params, state, divergedStep, gradient, input.readDouble());
        }

        private static void writeFloats(Output output, float[] values) {
            output.writeInt(values.length);
            output.writeFloats(values);
        }

        private static float[] readFloats(Input input) {
            return input.readFloats(input.readInt());
        }
    }
}
