package org.convspark.driver.collective;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.convspark.engine.layers.StatisticsSync;

/**
 * Batch norm's statistics summed over a barrier round's tasks in the middle of a step (see
 * {@link StatisticsSync}): a few doubles per channel, twice per batch norm layer and step, so
 * latency, not bandwidth, is what counts, and the sum goes up and back down the binomial tree
 * that {@link TreeAllReduce} uses ({@link BinomialTree}; 2 ceil(log2 P) hops), in double both
 * ways. The order of the additions is fixed by the tree, so every task gets the same bits. A
 * step's sums are told apart by their sequence number within the step (the message's piece).
 *
 * <p>Values handed to a partner in this JVM are read in place later (see {@link
 * PeerMessage#inMemory}), and a layer reuses its arrays at once, so every message carries a copy.
 */
public final class StatisticsAllReduce {
    private final PeerGroup group;

    public StatisticsAllReduce(PeerGroup group) {
        this.group = group;
    }

    /** The sync of the step with message key {@code step} (as {@link Collective#allReduce}'s): its sums numbered from 0. */
    public StatisticsSync forStep(int step) {
        int[] sequence = {0};
        return (values, length) -> {
            try {
                sum(step, sequence[0]++, values, length);
            } catch (IOException e) {
                throw new UncheckedIOException("batch norm statistics of step " + step + ": " + e.getMessage(), e);
            }
        };
    }

    private void sum(int step, int sequence, double[] values, int length) throws IOException {
        int rank = group.partition();
        double[] sum = Arrays.copyOf(values, length);
        int[] children = BinomialTree.children(rank, group.size());
        for (int child : children) {
            double[] part = take(PeerMessage.Kind.SUM_UP, step, child, sequence, length);
            for (int i = 0; i < length; i++) {
                sum[i] += part[i];
            }
        }
        if (rank != 0) {
            group.sendDoubles(PeerMessage.Kind.SUM_UP, BinomialTree.parent(rank), step, sequence, StepTotals.ZERO,
                    sum, 0, length);
            sum = take(PeerMessage.Kind.SUM_DOWN, step, BinomialTree.parent(rank), sequence, length);
        }
        for (int k = children.length - 1; k >= 0; k--) {
            group.sendDoubles(PeerMessage.Kind.SUM_DOWN, children[k], step, sequence, StepTotals.ZERO, sum.clone(), 0,
                    length);
        }
        System.arraycopy(sum, 0, values, 0, length);
    }

    /** The values of a message, which must be exactly the {@code length} sums the layer expects. */
    private double[] take(PeerMessage.Kind kind, int step, int from, int sequence, int length) throws IOException {
        PeerMessage m = group.take(kind, step, from, sequence);
        if (m.offset != 0 || m.length != length || m.doubles == null) {
            throw new IOException("partition " + from + " sent " + m.length + " statistics at " + m.offset + ", "
                    + length + " expected");
        }
        return Arrays.copyOfRange(m.doubles, m.valuesAt, m.valuesAt + length);
    }
}
