package org.convspark.driver.collective;

import java.io.IOException;
import org.convspark.engine.train.EvenSplit;

/**
 * The all-reduce for large models: reduce-scatter then all-gather, each task owning the chunk
 * {@code EvenSplit} gives it. Every task sends each owner its raw float slice of the owner's chunk;
 * the owner adds the P slices in partition order in double (its own included, the way the driver
 * adds a {@code treeAggregate}'s partitions), divides by the batch's samples and sends the mean
 * slice to every task. Each task also gets every partition's totals with the slices and adds them
 * in partition order, so all tasks agree on the totals without another message. Sends go out to
 * partitions {@code rank+1, rank+2, ...} so that no task is everybody's first receiver.
 */
final class ScatterAllReduce implements Collective {
    private final PeerGroup group;
    private final int parameters;
    private double[] chunkSum = new double[0];

    ScatterAllReduce(PeerGroup group, int parameters) {
        this.group = group;
        this.parameters = parameters;
    }

    @Override
    public StepTotals allReduce(int step, float[] partial, StepTotals own, float[] mean) throws IOException {
        return reduce(step, partial, own, mean, 0, parameters);
    }

    /**
     * The same over {@code [from, to)} of the vector only, under message key {@code step}: the range
     * is split among the owners as a whole vector is, so each element is still the sum of the P
     * partials in partition order in double, divided by the summed totals' count.
     */
    StepTotals reduce(int step, float[] partial, StepTotals own, float[] mean, int from, int to) throws IOException {
        int rank = group.partition();
        int size = group.size();
        int lo = start(from, to, rank);
        int hi = start(from, to, rank + 1);
        for (int k = 1; k < size; k++) {
            int owner = (rank + k) % size;
            VectorPieces.sendFloats(group, PeerMessage.Kind.PARTIAL, owner, step, own, partial,
                    start(from, to, owner), start(from, to, owner + 1));
        }
        if (chunkSum.length < hi - lo) {
            chunkSum = new double[hi - lo];
        }
        java.util.Arrays.fill(chunkSum, 0, hi - lo, 0);
        StepTotals totals = StepTotals.ZERO;
        for (int p = 0; p < size; p++) {
            if (p == rank) {
                for (int i = lo; i < hi; i++) {
                    chunkSum[i - lo] += partial[i];
                }
                totals = totals.plus(own);
                continue;
            }
            for (int piece = 0, pieces = VectorPieces.count(hi - lo, 4); piece < pieces; piece++) {
                PeerMessage m = VectorPieces.take(group, PeerMessage.Kind.PARTIAL, step, p, piece, lo, hi);
                for (int i = 0, at = m.offset - lo; i < m.length; i++) {
                    chunkSum[at + i] += m.floats[m.valuesAt + i];
                }
                if (piece == 0) {
                    totals = totals.plus(m.totals);
                }
            }
        }
        double divisor = Math.max(1, totals.count());
        for (int i = lo; i < hi; i++) {
            mean[i] = (float) (chunkSum[i - lo] / divisor);
        }
        for (int k = 1; k < size; k++) {
            VectorPieces.sendFloats(group, PeerMessage.Kind.MEAN, (rank + k) % size, step, totals, mean, lo, hi);
        }
        for (int p = 0; p < size; p++) {
            if (p == rank) {
                continue;
            }
            int pLo = start(from, to, p);
            int pHi = start(from, to, p + 1);
            for (int piece = 0, pieces = VectorPieces.count(pHi - pLo, 4); piece < pieces; piece++) {
                PeerMessage m = VectorPieces.take(group, PeerMessage.Kind.MEAN, step, p, piece, pLo, pHi);
                System.arraycopy(m.floats, m.valuesAt, mean, m.offset, m.length);
            }
        }
        return totals;
    }

    /** Where partition {@code part}'s chunk of {@code [from, to)} starts. */
    private int start(int from, int to, int part) {
        return from + EvenSplit.start(to - from, group.size(), part);
    }
}
