package org.convspark.driver.data;

import org.apache.spark.Partitioner;
import org.convspark.engine.train.EvenSplit;

/**
 * Sends global sample index {@code i} to the partition whose contiguous range holds it: partition
 * {@code p} holds {@code [floor(p N / P), floor((p + 1) N / P))}, so sizes differ by at most one.
 */
final class ContiguousPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int sampleCount;
    private final int partitions;

    ContiguousPartitioner(int sampleCount, int partitions) {
        this.sampleCount = sampleCount;
        this.partitions = partitions;
    }

    static int start(int partition, int sampleCount, int partitions) {
        return EvenSplit.start(sampleCount, partitions, partition);
    }

    int start(int partition) {
        return start(partition, sampleCount, partitions);
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        int index = (Integer) key;
        int p = (int) Math.min(partitions - 1L, (long) index * partitions / sampleCount);
        while (p + 1 < partitions && start(p + 1) <= index) {
            p++;
        }
        while (p > 0 && start(p) > index) {
            p--;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContiguousPartitioner c && c.sampleCount == sampleCount && c.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return 31 * sampleCount + partitions;
    }
}
