package org.convspark.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContiguousPartitionerTest {
    @Test
    void everyIndexGoesToTheRangeThatHoldsIt() {
        for (int n : new int[] {7, 10, 101, 8000}) {
            for (int p = 1; p <= 7 && p <= n; p++) {
                ContiguousPartitioner partitioner = new ContiguousPartitioner(n, p);
                assertEquals(0, partitioner.start(0));
                assertEquals(n, partitioner.start(p));
                for (int part = 0; part < p; part++) {
                    int size = partitioner.start(part + 1) - partitioner.start(part);
                    assertTrue(size == n / p || size == n / p + 1, "balanced sizes");
                }
                for (int i = 0; i < n; i++) {
                    int part = partitioner.getPartition(i);
                    assertTrue(partitioner.start(part) <= i && i < partitioner.start(part + 1), n + "/" + p + ": " + i);
                }
            }
        }
    }
}
