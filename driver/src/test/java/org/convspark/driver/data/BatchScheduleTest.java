package org.convspark.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {
    @Test
    void everyEpochVisitsEverySampleOnceInSortedBatches() {
        BatchSchedule schedule = new BatchSchedule(42, 103, 10);
        assertEquals(11, schedule.stepsPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            boolean[] seen = new boolean[103];
            for (int s = 0; s < 11; s++) {
                long step = (long) epoch * 11 + s;
                assertEquals(epoch, schedule.epochOf(step));
                int[] batch = schedule.batch(step);
                assertEquals(s < 10 ? 10 : 3, batch.length);
                assertEquals(batch.length, schedule.batchSize(step));
                for (int i = 0; i < batch.length; i++) {
                    assertFalse(seen[batch[i]], "sample " + batch[i] + " twice in epoch " + epoch);
                    seen[batch[i]] = true;
                    assertTrue(i == 0 || batch[i - 1] < batch[i]);
                }
            }
            for (boolean b : seen) {
                assertTrue(b);
            }
        }
    }

    @Test
    void batchesArePureFunctionsOfSeedEpochAndStep() {
        BatchSchedule a = new BatchSchedule(7, 1000, 64);
        int[] first = a.batch(20);
        a.batch(3);
        new BatchSchedule(8, 1000, 64).batch(20);
        assertArrayEquals(first, new BatchSchedule(7, 1000, 64).batch(20), "the per-JVM cache must not leak");
        assertFalse(Arrays.equals(first, new BatchSchedule(8, 1000, 64).batch(20)));
        assertFalse(Arrays.equals(a.batch(0), a.batch(a.stepsPerEpoch())), "each epoch reshuffles");
        assertEquals(20 * 64, a.firstSampleIndex(20));
        assertArrayEquals(sorted(org.convspark.engine.train.EpochOrder.permutation(7, 1, 1000), 0, 64),
                a.batch(a.stepsPerEpoch()), "the engine's epoch order, batch by batch");
        // Batches above 256 are sorted by the JDK, those up to it by insertion: the same order.
        BatchSchedule large = new BatchSchedule(7, 5000, 1000);
        assertArrayEquals(sorted(org.convspark.engine.train.EpochOrder.permutation(7, 0, 5000), 2000, 3000),
                large.batch(2));
        BatchSchedule edge = new BatchSchedule(7, 5000, 256);
        assertArrayEquals(sorted(org.convspark.engine.train.EpochOrder.permutation(7, 0, 5000), 512, 768),
                edge.batch(2));
    }

    private static int[] sorted(int[] order, int from, int to) {
        int[] batch = Arrays.copyOfRange(order, from, to);
        Arrays.sort(batch);
        return batch;
    }

    @Test
    void refusesEmptyDataAndBadBatch() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(1, 10, 0));
    }
}
