package org.convspark.driver;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.convspark.engine.model.BatchResult;

/**
 * The frames a barrier round's tasks and the driver's {@link GradientHub} exchange over TCP: a
 * task's hello (round token, partition, stage attempt), its partial sum for a step (compute time,
 * loss sum, hits, samples, the float gradient sum or none when it held no sample of the batch),
 * and the hub's reply (the step's totals and the mean gradient as floats, computed once on the
 * hub so every task steps with the same numbers).
 */
final class HubFrames {
    static final int MAGIC = 0x43534855; // "CSHU"

    private HubFrames() {
    }

    static void writeHello(DataOutputStream out, long token, int partition, int stageAttempt) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(token);
        out.writeInt(partition);
        out.writeInt(stageAttempt);
        out.flush();
    }

    static void writePartial(DataOutputStream out, long computeNanos, BatchResult result, float[] gradient, int length)
            throws IOException {
        out.writeLong(computeNanos);
        out.writeDouble(result.lossSum());
        out.writeLong(result.correct());
        out.writeLong(result.count());
        boolean hasVector = result.count() > 0;
        out.writeInt(hasVector ? length : -1);
        if (hasVector) {
            writeFloats(out, gradient, length);
        }
        out.flush();
    }

    /** Adds one task's partial sum to {@code sum}, as a {@code treeAggregate} partition would. */
    static void readPartialInto(DataInputStream in, StepAggregate sum, float[] scratch) throws IOException {
        long computeNanos = in.readLong();
        BatchResult result = new BatchResult(in.readDouble(), in.readLong(), in.readLong());
        int length = in.readInt();
        if (length >= 0) {
            if (length != scratch.length) {
                throw new IOException("a partial sum of " + length + " values, the model has " + scratch.length);
            }
            readFloats(in, scratch);
            sum.addVector(scratch, length, 1);
        }
        sum.addResult(result);
        sum.addCompute(computeNanos);
    }

    static void writeMean(DataOutputStream out, StepAggregate sum, float[] mean) throws IOException {
        out.writeDouble(sum.lossSum());
        out.writeLong(sum.correct());
        out.writeLong(sum.count());
        out.writeLong(sum.computeNanos());
        out.writeLong(sum.maxComputeNanos());
        writeFloats(out, mean, mean.length);
        out.flush();
    }

    /** Reads the hub's reply: the mean gradient into {@code mean}, the step's totals (no vector) returned. */
    static StepAggregate readMean(DataInputStream in, float[] mean) throws IOException {
        StepAggregate totals = new StepAggregate(null, 0, in.readDouble(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong());
        readFloats(in, mean);
        return totals;
    }

    private static void writeFloats(DataOutputStream out, float[] values, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(4 * length).order(ByteOrder.BIG_ENDIAN);
        bytes.asFloatBuffer().put(values, 0, length);
        out.write(bytes.array());
    }

    private static void readFloats(DataInputStream in, float[] into) throws IOException {
        byte[] bytes = new byte[4 * into.length];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(into);
    }
}
