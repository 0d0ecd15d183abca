package org.convspark.driver.collective;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.convspark.engine.layers.StatisticsSync;

/**
 * Batch norm's statistics summed over a barrier round's tasks in the middle of a step (see
 * {@link StatisticsSync}): a few doubles per channel, twice per batch norm layer and step, so
 * latency, not bandwidth, is what counts, and the sum goes up and back down the binomial tree
 * rooted at partition 0 that {@link TreeAllReduce} uses (2 ceil(log2 P) hops), in double both
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

    /** The sync of step {@code step} of the round (its index from 0): its sums numbered from 0. */
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
        int size = group.size();
        double[] sum = Arrays.copyOf(values, length);
        for (int mask = 1; mask < size; mask <<= 1) {
            if ((rank & mask) != 0) {
                group.sendDoubles(PeerMessage.Kind.SUM_UP, rank - mask, step, sequence, StepTotals.ZERO, sum, 0,
                        length);
                break;
            }
            int child = rank + mask;
            if (child < size) {
                double[] part = take(PeerMessage.Kind.SUM_UP, step, child, sequence, length);
                for (int i = 0; i < length; i++) {
                    sum[i] += part[i];
                }
            }
        }
        if (rank != 0) {
            sum = take(PeerMessage.Kind.SUM_DOWN, step, rank - Integer.lowestOneBit(rank), sequence, length);
        }
        int top = rank == 0 ? Integer.highestOneBit(Math.max(1, size - 1)) << 1 : Integer.lowestOneBit(rank);
        for (int mask = top >> 1; mask >= 1; mask >>= 1) {
            if (rank + mask < size) {
                group.sendDoubles(PeerMessage.Kind.SUM_DOWN, rank + mask, step, sequence, StepTotals.ZERO,
                        sum.clone(), 0, length);
            }
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
