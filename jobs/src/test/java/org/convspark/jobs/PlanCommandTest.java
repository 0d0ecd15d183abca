package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.convspark.jobs.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code convspark plan}: the forecast table, the recommendation, and one clear line for a bad --cluster. */
class PlanCommandTest {
    /** The table's rows: {batch per executor, global batch, step ms, images/s, efficiency %}. */
    private static List<double[]> rows(String out) {
        List<double[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 7 && f[0].matches("\\d+") && f[6].endsWith("%")) {
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6].replace("%", ""))});
            }
        }
        return rows;
    }

    @Test
    void forecastsEveryBatchAndRecommendsTheSmallestEfficientOne() {
        CliRun r = CliRun.of("plan", "--model", "cifar-small", "--cluster", "64:4:10").ok();
        assertTrue(r.out().startsWith("plan: cifar-small ("), r.out());
        assertTrue(r.out().contains("on 64 executors x 4 cores, 10 Gb/s links; all-reduce: scatter among the tasks"),
                r.out());
        List<double[]> rows = rows(r.out());
        assertEquals(9, rows.size(), "per-executor batches 16 to 4096: " + r.out());
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(64 * rows.get(i)[0], rows.get(i)[1], "global batch = 64 executors x per-executor batch");
            assertTrue(rows.get(i)[4] >= rows.get(i - 1)[4], "efficiency grows with the batch: " + r.out());
            assertTrue(rows.get(i)[3] >= rows.get(i - 1)[3], "images/s grow with the batch: " + r.out());
        }
        double[] recommended = rows.stream().filter(row -> row[4] >= 80).findFirst().orElse(null);
        if (recommended != null) {
            assertTrue(r.out().contains("recommended: --batch-size " + (long) recommended[1] + " --partitions 64 "
                    + "--threads-per-task 4"), r.out());
        } else {
            assertTrue(r.out().contains("no batch up to 4096 per executor reaches 80% efficiency"), r.out());
        }
    }

    @Test
    void oneExecutorHasNoAllReduce() {
        CliRun r = CliRun.of("plan", "--model", "lenet5", "--cluster", "1:2").ok();
        assertTrue(r.out().contains("on 1 executors x 2 cores, 10 Gb/s links; all-reduce: none (one executor)"),
                r.out());
        assertTrue(r.out().contains("recommended: --batch-size 16 --partitions 1 --threads-per-task 2"), r.out());
        for (double[] row : rows(r.out())) {
            assertEquals(100, row[4], "nothing to wait for: " + r.out());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "64x4; --cluster 64x4: expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10",
            "0:4; --cluster 0:4: expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10 (executors and cores >= 1, a link speed > 0)",
            "8:4:fast; --cluster 8:4:fast: expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10"})
    void aBadClusterIsOneLine(String cluster, String message) {
        assertEquals("convspark: error: " + message,
                CliRun.of("plan", "--model", "lenet5", "--cluster", cluster).oneErrorLine());
    }
}
