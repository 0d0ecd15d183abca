package org.convspark.driver.collective;

import java.io.IOException;

/**
 * The all-reduce for small models: a binomial tree rooted at partition 0. In round k (mask 2^k)
 * a task whose bit k is set sends its subtree's sum, in double, to the task 2^k below it and is
 * done; the others add what their child sends. Partition 0 then holds the sum over all
 * partitions, divides it by the batch's samples, and the mean goes back down the same tree.
 * Depth ceil(log2 P) each way; the sum's order is fixed by the tree, the same in every run.
 */
final class TreeAllReduce implements Collective {
    private final PeerGroup group;
    private final int parameters;
    private final double[] sum;

    TreeAllReduce(PeerGroup group, int parameters) {
        this.group = group;
        this.parameters = parameters;
        this.sum = new double[parameters];
    }

    @Override
    public StepTotals allReduce(int step, float[] partial, StepTotals own, float[] mean) throws IOException {
        int rank = group.partition();
        int size = group.size();
        for (int i = 0; i < parameters; i++) {
            sum[i] = partial[i];
        }
        StepTotals totals = own;
        for (int mask = 1; mask < size; mask <<= 1) {
            if ((rank & mask) != 0) {
                VectorPieces.sendDoubles(group, PeerMessage.Kind.UP, rank - mask, step, totals, sum, parameters);
                break;
            }
            int child = rank + mask;
            if (child < size) {
                totals = totals.plus(addChild(step, child));
            }
        }
        if (rank == 0) {
            double divisor = Math.max(1, totals.count());
            for (int i = 0; i < parameters; i++) {
                mean[i] = (float) (sum[i] / divisor);
            }
        } else {
            totals = receiveMean(step, rank - Integer.lowestOneBit(rank), mean);
        }
        int top = rank == 0 ? Integer.highestOneBit(Math.max(1, size - 1)) << 1 : Integer.lowestOneBit(rank);
        for (int mask = top >> 1; mask >= 1; mask >>= 1) {
            if (rank + mask < size) {
                VectorPieces.sendFloats(group, PeerMessage.Kind.DOWN, rank + mask, step, totals, mean, 0, parameters);
            }
        }
        return totals;
    }

    private StepTotals addChild(int step, int child) throws IOException {
        StepTotals totals = null;
        for (int piece = 0, pieces = VectorPieces.count(parameters, 8); piece < pieces; piece++) {
            PeerMessage m = VectorPieces.take(group, PeerMessage.Kind.UP, step, child, piece, 0, parameters);
            for (int i = 0; i < m.length; i++) {
                sum[m.offset + i] += m.doubles[m.valuesAt + i];
            }
            totals = m.totals;
        }
        return totals;
    }

    private StepTotals receiveMean(int step, int parent, float[] mean) throws IOException {
        StepTotals totals = null;
        for (int piece = 0, pieces = VectorPieces.count(parameters, 4); piece < pieces; piece++) {
            PeerMessage m = VectorPieces.take(group, PeerMessage.Kind.DOWN, step, parent, piece, 0, parameters);
            System.arraycopy(m.floats, m.valuesAt, mean, m.offset, m.length);
            totals = m.totals;
        }
        return totals;
    }
}
