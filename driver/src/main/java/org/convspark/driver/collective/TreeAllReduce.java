package org.convspark.driver.collective;

import java.io.IOException;

/**
 * The all-reduce for small models: a binomial tree rooted at partition 0 ({@link BinomialTree}).
 * A task adds its children's subtree sums, nearest child first, and sends its own subtree's sum,
 * in double, to its parent. Partition 0 then holds the sum over all
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
        int[] children = BinomialTree.children(rank, size);
        for (int child : children) {
            totals = totals.plus(addChild(step, child));
        }
        if (rank != 0) {
            VectorPieces.sendDoubles(group, PeerMessage.Kind.UP, BinomialTree.parent(rank), step, totals, sum,
                    parameters);
        }
        if (rank == 0) {
            double divisor = Math.max(1, totals.count());
            for (int i = 0; i < parameters; i++) {
                mean[i] = (float) (sum[i] / divisor);
            }
        } else {
            totals = receiveMean(step, BinomialTree.parent(rank), mean);
        }
        for (int k = children.length - 1; k >= 0; k--) {
            VectorPieces.sendFloats(group, PeerMessage.Kind.DOWN, children[k], step, totals, mean, 0, parameters);
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
