package org.convspark.driver.collective;

import java.io.IOException;

/**
 * The star: every task sends its raw float partial to partition 0, which adds the P partials in
 * partition order in double (the driver's arithmetic after a {@code treeAggregate}, bit for bit
 * as {@link ScatterAllReduce}), divides by the batch's samples and sends the mean to every task.
 * It is the pattern of the gradient hub the driver used to be, with a task as the hub: two
 * latencies, but the hub sends and receives (P-1) 4n bytes a step, so its link bounds the step at
 * 8 n (P-1) beta. Never chosen by {@link Collective.Algorithm#AUTO}; kept as the baseline the
 * scaling benchmark measures the other two against ({@code bench/allreduce}).
 */
final class StarAllReduce implements Collective {
    private final PeerGroup group;
    private final int parameters;
    private final double[] sum;

    StarAllReduce(PeerGroup group, int parameters) {
        this.group = group;
        this.parameters = parameters;
        this.sum = group.partition() == 0 ? new double[parameters] : null;
    }

    @Override
    public StepTotals allReduce(int step, float[] partial, StepTotals own, float[] mean) throws IOException {
        if (group.partition() != 0) {
            VectorPieces.sendFloats(group, PeerMessage.Kind.PARTIAL, 0, step, own, partial, 0, parameters);
            StepTotals totals = null;
            for (int piece = 0, pieces = VectorPieces.count(parameters, 4); piece < pieces; piece++) {
                PeerMessage m = VectorPieces.take(group, PeerMessage.Kind.MEAN, step, 0, piece, 0, parameters);
                System.arraycopy(m.floats, m.valuesAt, mean, m.offset, m.length);
                totals = m.totals;
            }
            return totals;
        }
        for (int i = 0; i < parameters; i++) {
            sum[i] = partial[i];
        }
        StepTotals totals = own;
        for (int p = 1; p < group.size(); p++) {
            for (int piece = 0, pieces = VectorPieces.count(parameters, 4); piece < pieces; piece++) {
                PeerMessage m = VectorPieces.take(group, PeerMessage.Kind.PARTIAL, step, p, piece, 0, parameters);
                for (int i = 0, at = m.offset; i < m.length; i++) {
                    sum[at + i] += m.floats[m.valuesAt + i];
                }
                if (piece == 0) {
                    totals = totals.plus(m.totals);
                }
            }
        }
        double divisor = Math.max(1, totals.count());
        for (int i = 0; i < parameters; i++) {
            mean[i] = (float) (sum[i] / divisor);
        }
        for (int p = 1; p < group.size(); p++) {
            VectorPieces.sendFloats(group, PeerMessage.Kind.MEAN, p, step, totals, mean, 0, parameters);
        }
        return totals;
    }
}
