package org.convspark.driver.collective;

import java.io.IOException;

/**
 * An all-reduce among the tasks of a barrier round: every task gives the float gradient sum of its
 * share of a step's batch and its totals, and every task gets the same mean gradient (the sum over
 * partitions in double precision, divided by the batch's samples, rounded to float: what the
 * driver computes after a {@code treeAggregate}) and the same totals. Sums are taken in an order
 * fixed by partition index, so for a given number of partitions the result is bit-identical run
 * to run and in every task.
 *
 * <p>Per step, with P tasks and n parameters, counting the busiest task's messages and bytes sent
 * plus received ({@link CollectiveCost} has the exact traffic and the fitted time per hop, message
 * and byte):
 * <ul>
 *   <li>{@link TreeAllReduce}: a binomial tree reduces to partition 0 in ceil(log2 P) rounds (sums
 *       in double, 8n bytes a message), which broadcasts the mean back down the same tree (4n
 *       bytes): 2 ceil(log2 P) hops and messages, 12 n ceil(log2 P) bytes. Few messages: for small n.</li>
 *   <li>{@link ScatterAllReduce}: each task owns a 1/P chunk; every task sends each owner its raw
 *       float slice (reduce-scatter), the owner adds the P slices in partition order and sends the
 *       mean slice to every task (all-gather): 2 (P-1) n/P floats out and in per task, as a ring
 *       does, but in 2 hops instead of 2 (P-1): 4 (P-1) messages, 16 n (P-1)/P bytes. A ring adds
 *       partial sums in transit, so it would either add in float or send doubles (twice the
 *       bytes); sending raw slices keeps the sum in double in partition order at the ring's byte
 *       count.</li>
 *   <li>{@link StarAllReduce}: every task sends partition 0 its float partial, partition 0 sends
 *       every task the mean: 2 hops, 2 (P-1) messages and 8 n (P-1) bytes at the hub.</li>
 * </ul>
 */
public interface Collective {
    /** The largest model that {@link Algorithm#AUTO} all-reduces with the tree: 64 KiB of floats. */
    int TREE_MAX_PARAMETERS = 16_384;

    /** Which all-reduce a round uses ({@value CollectiveSettings#ALGORITHM}). */
    enum Algorithm {
        /** {@link #TREE} up to {@link #TREE_MAX_PARAMETERS} parameters, else {@link #SCATTER} */
        AUTO,
        TREE,
        SCATTER,
        /** {@link StarAllReduce}: partition 0 as the hub; for comparison, never chosen by {@link #AUTO} */
        STAR;

        /** The algorithm for {@code parameters} values. */
        public Algorithm resolve(int parameters) {
            if (this != AUTO) {
                return this;
            }
            return parameters <= TREE_MAX_PARAMETERS ? TREE : SCATTER;
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * All-reduces under message key {@code step} (a round's step index from 0; negative for its
     * evaluations and its warm-up, see {@link PeerGroup#WARM_UP_KEYS}): {@code partial[0 .. n)} is this
     * task's float gradient sum (not changed), {@code own} its totals; the mean lands in {@code mean}.
     *
     * <p>Tasks in one JVM read each other's {@code partial} and {@code mean} in place (see {@link
     * PeerMessage#inMemory}), so a caller passes the same two arrays at every step and writes them
     * only through this method and before its next call's reduce (as {@code BarrierRound} does:
     * the engine fills {@code partial}, the optimizer only reads {@code mean}). The protocol
     * guarantees that every peer has read a slice before its owner can reach that point again.
     *
     * @return the step's totals over every partition
     */
    StepTotals allReduce(int step, float[] partial, StepTotals own, float[] mean) throws IOException;

    /** The collective {@code algorithm} picks for {@code parameters} values among {@code group}'s tasks. */
    static Collective choose(Algorithm algorithm, int parameters, PeerGroup group) {
        return switch (algorithm.resolve(parameters)) {
            case TREE -> new TreeAllReduce(group, parameters);
            case STAR -> new StarAllReduce(group, parameters);
            default -> new ScatterAllReduce(group, parameters);
        };
    }
}
