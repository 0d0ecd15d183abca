package org.convspark.driver.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The collectives among P tasks, run as P threads on one JVM endpoint (the same transport and
 * coordinator a barrier round uses, without Spark's scheduler): every task gets the same mean and
 * totals, the scatter algorithm exactly the driver's arithmetic (partials added in partition order
 * in double, divided, rounded), the tree within float rounding of it, bit-identical run to run.
 */
class CollectiveTest {
    static final String HOST = "127.0.0.1";
    static final CollectiveSettings EPHEMERAL = new CollectiveSettings(HOST, 0, 16, 30_000, Collective.Algorithm.AUTO,
            false);
    private static PeerTransport transport;

    @BeforeAll
    static void start() {
        transport = endpoint();
    }

    /** A plaintext endpoint on an ephemeral loopback port, as the collective tests use. */
    static PeerTransport endpoint() {
        return new PeerTransport(TransportSecurity.none(), EPHEMERAL, HOST, Map.of());
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    /** One task's result of a round: the means and totals of every step. */
    record TaskResult(List<float[]> means, List<StepTotals> totals) {
    }

    /** Runs {@code steps} all-reduces of {@code partials[step][partition]} among {@code partials[0].length} tasks. */
    static List<TaskResult> round(PeerTransport endpoint, Collective.Algorithm algorithm, float[][][] partials,
                                  StepTotals[][] own) throws Exception {
        return round(endpoint, algorithm, partials, own, new long[partials[0].length]);
    }

    /** As above, leaving in {@code bytes[p]} what partition p's task counted sending plus receiving. */
    static List<TaskResult> round(PeerTransport endpoint, Collective.Algorithm algorithm, float[][][] partials,
                                  StepTotals[][] own, long[] bytes) throws Exception {
        int size = partials[0].length;
        int n = partials[0][0].length;
        List<StepTotals> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(size);
        try (RoundCoordinator coordinator = new RoundCoordinator(endpoint, size, 30_000,
                (index, totals, allReduceNanos) -> {
                    progress.add(totals);
                    waits.add(allReduceNanos);
                })) {
            List<Future<TaskResult>> tasks = new ArrayList<>();
            for (int p = 0; p < size; p++) {
                int partition = p;
                tasks.add(threads.submit(() -> {
                    try (PeerGroup group = PeerGroup.join(endpoint, HOST, coordinator.port(), coordinator.token(),
                            partition, HOST, () -> false)) {
                        Collective collective = Collective.choose(algorithm, n, group);
                        TaskResult result = new TaskResult(new ArrayList<>(), new ArrayList<>());
                        // One partial and one mean array for every step, as BarrierRound uses them: peers
                        // in this JVM read them in place.
                        float[] partial = new float[n];
                        float[] mean = new float[n];
                        for (int step = 0; step < partials.length; step++) {
                            System.arraycopy(partials[step][partition], 0, partial, 0, n);
                            StepTotals totals = collective.allReduce(step, partial, own[step][partition], mean);
                            if (partition == 0) {
                                group.progress(step, totals, 1000L * step + 7);
                            }
                            result.means().add(mean.clone());
                            result.totals().add(totals);
                        }
                        group.finish();
                        return result;
                    }
                }));
            }
            List<TaskResult> results = new ArrayList<>();
            for (Future<TaskResult> task : tasks) {
                results.add(task.get());
            }
            coordinator.close();
            assertEquals(partials.length, progress.size(), "partition 0 reported every step");
            for (int step = 0; step < partials.length; step++) {
                assertEquals(1000L * step + 7, waits.get(step), "step " + step + "'s all-reduce wait, as reported");
            }
            assertTrue(coordinator.driverBytes() < 2_000L * size + 200L * partials.length,
                    "the driver carries no gradient: " + coordinator.driverBytes() + " bytes");
            for (int p = 0; p < size; p++) {
                bytes[p] = coordinator.partitionBytes(p);
                assertTrue(bytes[p] > 0, "partition " + p + "'s bytes counted");
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The driver's arithmetic after a treeAggregate: double sum in partition order, divided, rounded. */
    static float[] reference(float[][] partials, long count) {
        double[] sum = new double[partials[0].length];
        for (float[] partial : partials) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += partial[i];
            }
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / count);
        }
        return mean;
    }

    static float[][][] partials(int steps, int size, int n, long seed) {
        Random random = new Random(seed);
        float[][][] partials = new float[steps][size][n];
        for (float[][] step : partials) {
            for (float[] partial : step) {
                for (int i = 0; i < n; i++) {
                    partial[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
                }
            }
        }
        return partials;
    }

    static StepTotals[][] totals(int steps, int size) {
        StepTotals[][] own = new StepTotals[steps][size];
        for (int s = 0; s < steps; s++) {
            for (int p = 0; p < size; p++) {
                own[s][p] = new StepTotals(0.1 * (p + 1) + s, p + s, 3 + p, 1000L * (p + 1), 1000L * (p + 1));
            }
        }
        return own;
    }

    @ParameterizedTest(name = "{0} among {1} tasks, {2} parameters")
    @CsvSource({"tree, 1, 9", "tree, 2, 1000", "tree, 3, 1000", "tree, 5, 7", "tree, 8, 300",
            "scatter, 1, 9", "scatter, 2, 1000", "scatter, 3, 1001", "scatter, 5, 3", "scatter, 8, 300",
            "scatter, 2, 2500001", "tree, 2, 600001",
            "star, 1, 9", "star, 2, 1000", "star, 3, 1001", "star, 5, 3", "star, 8, 300", "star, 3, 1200001"})
    void everyTaskGetsTheSameMeanAndTotalsAsTheDriversArithmetic(String name, int size, int n) throws Exception {
        Collective.Algorithm algorithm = Collective.Algorithm.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        int steps = n > 100_000 ? 1 : 3;
        float[][][] partials = partials(steps, size, n, 31L * size + n);
        StepTotals[][] own = totals(steps, size);
        List<TaskResult> first = round(transport, algorithm, partials, own);
        List<TaskResult> second = round(transport, algorithm, partials, own);
        for (int s = 0; s < steps; s++) {
            StepTotals expected = StepTotals.ZERO;
            for (int p = 0; p < size; p++) {
                expected = expected.plus(own[s][p]);
            }
            float[] driver = reference(partials[s], expected.count());
            float[] task0 = first.get(0).means().get(s);
            for (int p = 0; p < size; p++) {
                assertArrayEquals(task0, first.get(p).means().get(s), "task " + p + " step " + s + " has task 0's mean");
                assertArrayEquals(task0, second.get(p).means().get(s), "run to run, task " + p + " step " + s);
                StepTotals totals = first.get(p).totals().get(s);
                assertEquals(expected.count(), totals.count());
                assertEquals(expected.correct(), totals.correct());
                assertEquals(expected.lossSum(), totals.lossSum(), 1e-12);
                assertEquals(expected.maxComputeNanos(), totals.maxComputeNanos());
                assertEquals(first.get(0).totals().get(s), totals, "the same totals bit for bit");
            }
            if (algorithm != Collective.Algorithm.TREE || size <= 2) {
                assertArrayEquals(driver, task0, "exactly the driver's arithmetic");
            } else {
                for (int i = 0; i < n; i++) {
                    assertEquals(driver[i], task0[i], 1e-6 * Math.abs(driver[i]) + 1e-30, "element " + i);
                }
            }
        }
    }
}
