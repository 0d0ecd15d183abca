package org.convspark.driver.collective;

/**
 * The binomial tree rooted at partition 0 that {@link TreeAllReduce} and {@link
 * StatisticsAllReduce} reduce up and broadcast down: the children of task r are r + 2^k for every
 * 2^k below r's lowest set bit (below the tree's size for the root) that is a task, its parent r
 * minus its lowest set bit. Depth ceil(log2 P). Children in ascending order are the order the
 * reduce adds them in; the broadcast sends to them in descending order.
 */
final class BinomialTree {
    private BinomialTree() {
    }

    /** Task {@code rank}'s parent; only for rank > 0. */
    static int parent(int rank) {
        return rank - Integer.lowestOneBit(rank);
    }

    /** Task {@code rank}'s children among {@code size} tasks, nearest first. */
    static int[] children(int rank, int size) {
        int limit = rank == 0 ? Integer.MAX_VALUE : Integer.lowestOneBit(rank);
        int count = 0;
        for (int mask = 1; mask < limit && rank + mask < size; mask <<= 1) {
            count++;
        }
        int[] out = new int[count];
        for (int k = 0, mask = 1; k < count; k++, mask <<= 1) {
            out[k] = rank + mask;
        }
        return out;
    }
}
