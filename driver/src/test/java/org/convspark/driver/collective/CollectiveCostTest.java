package org.convspark.driver.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cost model's traffic is the implementation's: for each algorithm and P, the bytes the
 * busiest task and all tasks together counted in a real round equal {@link CollectiveCost#traffic}'s
 * critical and total bytes, give or take each message's header; and the tree path's driver bytes
 * follow Spark's {@code treeAggregate} levels.
 */
class CollectiveCostTest {
    /** A message's header and totals on the wire, more than the vector it carries. */
    private static final int PER_MESSAGE_BYTES = 128;
    private static PeerTransport transport;

    @BeforeAll
    static void start() {
        transport = CollectiveTest.endpoint();
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    @ParameterizedTest(name = "{0} among {1} tasks")
    @CsvSource({"scatter, 2", "scatter, 3", "scatter, 5", "scatter, 8", "tree, 2", "tree, 3", "tree, 5", "tree, 8",
            "star, 2", "star, 3", "star, 5", "star, 8"})
    void countedBytesAreTheModelsTraffic(String name, int size) throws Exception {
        Collective.Algorithm algorithm = Collective.Algorithm.valueOf(name.toUpperCase(Locale.ROOT));
        int n = 20_000;
        long[] bytes = new long[size];
        CollectiveTest.round(transport, algorithm, CollectiveTest.partials(1, size, n, 5), CollectiveTest.totals(1, size),
                bytes);
        CollectiveCost.Traffic traffic = CollectiveCost.traffic(algorithm, size, n);
        long busiest = Arrays.stream(bytes).max().orElseThrow();
        long total = Arrays.stream(bytes).sum();
        // Each task's count includes its join and finish exchanges with the coordinator: a few messages more.
        long slack = (long) PER_MESSAGE_BYTES * (4L * size + 4);
        assertTrue(busiest >= traffic.criticalBytes() && busiest <= traffic.criticalBytes() + slack,
                name + " P=" + size + ": busiest task counted " + busiest + ", model " + traffic.criticalBytes());
        assertTrue(total >= traffic.totalBytes() && total <= traffic.totalBytes() + size * slack,
                name + " P=" + size + ": all tasks counted " + total + ", model " + traffic.totalBytes());
    }

    @Test
    void oneTaskMovesNothingAndAutoResolvesBySize() {
        assertEquals(new CollectiveCost.Traffic(1, 0, 0, 0, 0, 0),
                CollectiveCost.traffic(Collective.Algorithm.AUTO, 1, 500));
        assertEquals(CollectiveCost.traffic(Collective.Algorithm.TREE, 4, 16_384),
                CollectiveCost.traffic(Collective.Algorithm.AUTO, 4, 16_384));
        assertEquals(CollectiveCost.traffic(Collective.Algorithm.SCATTER, 4, 16_385),
                CollectiveCost.traffic(Collective.Algorithm.AUTO, 4, 16_385));
        assertEquals(3, CollectiveCost.levels(5));
        assertEquals(8, CollectiveCost.levels(256));
    }

    @Test
    void timeIsHopsMessagesAndTheBusierOfTheCriticalPathAndTheSharedCores() {
        CollectiveCost cost = new CollectiveCost(1e-4, 1e-5, 1e-9, 0.5e-9);
        CollectiveCost.Traffic star = CollectiveCost.traffic(Collective.Algorithm.STAR, 4, 1_000_000);
        // The hub handles 6 of the 12 messages and 24 MB of the 48 MB all tasks move: on 2 shared
        // cores that is the bound either way, and each message waits for one of 2 cores among 4 tasks.
        assertEquals(2e-4 + 6 * 2 * 1e-5 + 24e6 * 1e-9, cost.seconds(star, 2), 1e-12);
        // Each scatter task handles 12 messages and 12 MB, all four 48 messages and 48 MB.
        CollectiveCost.Traffic scatter = CollectiveCost.traffic(Collective.Algorithm.SCATTER, 4, 1_000_000);
        assertEquals(2e-4 + 12e-5 + 12e6 * 1e-9, cost.seconds(scatter, Double.POSITIVE_INFINITY), 1e-12);
        assertEquals(2e-4 + 24 * 2 * 1e-5 + 24e6 * 1e-9, cost.seconds(scatter, 2), 1e-12);
        // Beyond a message's first 4 MiB piece, bytes pipeline: 2 pieces of 4 MiB first, the rest cheaper.
        CollectiveCost.Traffic big = CollectiveCost.traffic(Collective.Algorithm.STAR, 2, 10_000_000);
        double first = 2.0 * PeerMessage.PIECE_BYTES;
        assertEquals(2e-4 + 2e-5 + first * 1e-9 + (80e6 - first) * 0.5e-9,
                cost.seconds(big, Double.POSITIVE_INFINITY), 1e-12);
        assertEquals(cost.seconds(big, Double.POSITIVE_INFINITY) + 2 * 3e-5 + 80e6 * 2e-10,
                cost.plus(3e-5, 2e-10).seconds(big, Double.POSITIVE_INFINITY), 1e-12);
    }

    @Test
    void theTreePathsDriverTakesEveryLeafUntilSparkAddsALevel() {
        // Depth 2: up to 5 partitions report to the driver directly (float sums); 8 merge to 2 first, 64 to 8 (doubles).
        assertEquals(4.0 * 100 * 2 + 400, CollectiveCost.treeAggregateDriverBytes(2, 100));
        assertEquals(4.0 * 100 * 4 + 400, CollectiveCost.treeAggregateDriverBytes(4, 100));
        assertEquals(8.0 * 100 * 2 + 400, CollectiveCost.treeAggregateDriverBytes(8, 100));
        assertEquals(8.0 * 100 * 2 + 400, CollectiveCost.treeAggregateDriverBytes(6, 100));
        assertEquals(4.0 * 100 * 5 + 400, CollectiveCost.treeAggregateDriverBytes(5, 100));
        assertEquals(8.0 * 100 * 8 + 400, CollectiveCost.treeAggregateDriverBytes(64, 100));
    }
}
