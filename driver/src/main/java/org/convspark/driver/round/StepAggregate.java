package org.convspark.driver.round;

import org.convspark.engine.layers.BatchResult;

/**
 * What one step's {@code treeAggregate} sums over partitions: a vector (the gradient sum, or for
 * local steps the sample-weighted parameters), the loss sum, the correct count, the sample count,
 * and executor compute time (summed, and the slowest partition's).
 *
 * <p>The vector is accumulated in double precision: partitions sum their own samples in float (the
 * engine's GEMMs do), and adding those partial sums in double keeps the total independent of the
 * number of partitions and of the order in which Spark combines them, beyond float rounding. The
 * array is allocated on first use: the zero value travels with every task and must stay tiny.
 * Mutable, merged in place, as {@code treeAggregate} allows.
 *
 * <p>{@code Serializable} only because Spark's {@code treeAggregate} ships the (empty) zero value
 * inside the task closure, which Spark always Java-serializes; partial results travel through
 * Kryo ({@code KryoSerializers.StepAggregateSerializer}).
 */
public final class StepAggregate implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private double[] vector;
    private double weight;
    private double lossSum;
    private long correct;
    private long count;
    private long computeNanos;
    private long maxComputeNanos;

    public StepAggregate() {
    }

    public StepAggregate(double[] vector, double weight, double lossSum, long correct, long count, long computeNanos,
                  long maxComputeNanos) {
        this.vector = vector;
        this.weight = weight;
        this.lossSum = lossSum;
        this.correct = correct;
        this.count = count;
        this.computeNanos = computeNanos;
        this.maxComputeNanos = maxComputeNanos;
    }

    /** A step's totals from a barrier round's collective, without a vector. */
    public static StepAggregate of(org.convspark.driver.collective.StepTotals totals) {
        return new StepAggregate(null, 0, totals.lossSum(), totals.correct(), totals.count(), totals.computeNanos(),
                totals.maxComputeNanos());
    }

    /** Adds {@code scale * values[0 .. length)} to the vector and {@code scale} to its weight. */
    public void addVector(float[] values, int length, double scale) {
        if (vector == null) {
            vector = new double[length];
        } else if (vector.length != length) {
            throw new IllegalStateException("vector of " + length + " values added to one of " + vector.length);
        }
        for (int i = 0; i < length; i++) {
            vector[i] += scale * values[i];
        }
        weight += scale;
    }

    public void addResult(BatchResult result) {
        lossSum += result.lossSum();
        correct += result.correct();
        count += result.count();
    }

    /** Records one partition's compute time. */
    public void addCompute(long nanos) {
        computeNanos += nanos;
        maxComputeNanos = Math.max(maxComputeNanos, nanos);
    }

    /** Adds {@code other} into this one and returns this. */
    public StepAggregate merge(StepAggregate other) {
        if (other.vector != null) {
            if (vector == null) {
                vector = other.vector.clone();
            } else {
                if (vector.length != other.vector.length) {
                    throw new IllegalStateException("merging vectors of " + vector.length + " and "
                            + other.vector.length + " values");
                }
                for (int i = 0; i < vector.length; i++) {
                    vector[i] += other.vector[i];
                }
            }
        }
        weight += other.weight;
        lossSum += other.lossSum;
        correct += other.correct;
        count += other.count;
        computeNanos += other.computeNanos;
        maxComputeNanos = Math.max(maxComputeNanos, other.maxComputeNanos);
        return this;
    }

    /** The vector divided by {@code divisor}, rounded to float, into {@code out[0 .. length)}. */
    public void vectorDividedBy(double divisor, float[] out, int from, int length) {
        if (vector == null) {
            java.util.Arrays.fill(out, 0, length, 0f);
            return;
        }
        for (int i = 0; i < length; i++) {
            out[i] = (float) (vector[from + i] / divisor);
        }
    }

    /** The summed vector, or null when no partition added one. */
    public double[] vector() {
        return vector;
    }

    public double weight() {
        return weight;
    }

    public double lossSum() {
        return lossSum;
    }

    public long correct() {
        return correct;
    }

    public long count() {
        return count;
    }

    public long computeNanos() {
        return computeNanos;
    }

    public long maxComputeNanos() {
        return maxComputeNanos;
    }
}
