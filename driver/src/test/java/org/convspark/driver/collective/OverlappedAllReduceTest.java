package org.convspark.driver.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.convspark.engine.model.GradientReady;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bucketed all-reduce gives the whole-vector scatter algorithm's mean bit for bit, and the
 * same totals, whichever buckets and however the engine announces them; buckets follow layers.
 */
class OverlappedAllReduceTest {
    private static PeerTransport transport;

    @BeforeAll
    static void start() {
        transport = CollectiveTest.endpoint();
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    @Test
    void bucketsFollowLayersFromTheLastAndHoldAtLeastTheMinimum() {
        // Layers start at 0, 10, 10 (no parameters), 500, 900 of 1000 parameters.
        int[] offsets = {0, 10, 10, 500, 900};
        assertArrayEquals(new int[] {900, 500, 10, 0}, OverlappedAllReduce.buckets(offsets, 1000, 1));
        // The first layer closes the last bucket whatever its size.
        assertArrayEquals(new int[] {500, 10, 0}, OverlappedAllReduce.buckets(offsets, 1000, 300));
        assertArrayEquals(new int[] {0}, OverlappedAllReduce.buckets(offsets, 1000, 5000));
    }

    @ParameterizedTest(name = "{0} tasks, buckets of at least {1}")
    @CsvSource({"2, 1", "3, 100", "5, 700", "3, 100000"})
    void theMeanIsTheScatterAlgorithmsBitForBit(int size, int minFloats) throws Exception {
        int n = 3001;
        int steps = 3;
        int[] offsets = {0, 17, 400, 400, 1500, 2900};
        int[] buckets = OverlappedAllReduce.buckets(offsets, n, minFloats);
        float[][][] partials = CollectiveTest.partials(steps, size, n, 7L * size + minFloats);
        StepTotals[][] own = CollectiveTest.totals(steps, size);
        List<CollectiveTest.TaskResult> whole = CollectiveTest.round(transport, Collective.Algorithm.SCATTER, partials,
                own);
        List<CollectiveTest.TaskResult> bucketed = overlapped(partials, own, offsets, buckets);
        for (int s = 0; s < steps; s++) {
            for (int p = 0; p < size; p++) {
                assertArrayEquals(whole.get(0).means().get(s), bucketed.get(p).means().get(s),
                        "task " + p + " step " + s + " (" + buckets.length + " buckets)");
                StepTotals expected = whole.get(0).totals().get(s);
                StepTotals got = bucketed.get(p).totals().get(s);
                assertEquals(expected.count(), got.count());
                assertEquals(expected.correct(), got.correct());
                assertEquals(expected.lossSum(), got.lossSum(), 1e-12);
            }
        }
    }

    /** Each task announces the layers' offsets from the last down, as the engine's backward does. */
    private static List<CollectiveTest.TaskResult> overlapped(float[][][] partials, StepTotals[][] own, int[] offsets,
                                                              int[] buckets) throws Exception {
        int size = partials[0].length;
        int n = partials[0][0].length;
        ExecutorService threads = Executors.newFixedThreadPool(size);
        try (RoundCoordinator coordinator = new RoundCoordinator(transport, size, 30_000, (index, totals, wait) -> { })) {
            List<Future<CollectiveTest.TaskResult>> tasks = new ArrayList<>();
            for (int p = 0; p < size; p++) {
                int partition = p;
                tasks.add(threads.submit(() -> {
                    try (PeerGroup group = PeerGroup.join(transport, CollectiveTest.HOST, coordinator.port(),
                            coordinator.token(), partition, CollectiveTest.HOST, () -> false);
                         OverlappedAllReduce allReduce = new OverlappedAllReduce(group, n, buckets)) {
                        CollectiveTest.TaskResult result = new CollectiveTest.TaskResult(new ArrayList<>(),
                                new ArrayList<>());
                        float[] partial = new float[n];
                        float[] mean = new float[n];
                        for (int step = 0; step < partials.length; step++) {
                            StepTotals mine = own[step][partition];
                            GradientReady ready = allReduce.begin(step, partial, mean, (int) mine.count());
                            // "Backward": NaN until each layer's gradient is written, 1 ms apart, then
                            // announced: a bucket sent before it is final would carry a NaN.
                            java.util.Arrays.fill(partial, Float.NaN);
                            for (int layer = offsets.length - 1; layer >= 0; layer--) {
                                int end = layer == offsets.length - 1 ? n : offsets[layer + 1];
                                Thread.sleep(1);
                                System.arraycopy(partials[step][partition], offsets[layer], partial, offsets[layer],
                                        end - offsets[layer]);
                                ready.finalFrom(offsets[layer]);
                            }
                            result.totals().add(allReduce.finish(mine));
                            result.means().add(mean.clone());
                        }
                        group.finish();
                        return result;
                    }
                }));
            }
            List<CollectiveTest.TaskResult> results = new ArrayList<>();
            for (Future<CollectiveTest.TaskResult> task : tasks) {
                results.add(task.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
