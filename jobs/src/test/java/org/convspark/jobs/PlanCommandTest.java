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
        // The recommended row is the first at 80% or more (printed rounded, so 79.5% shows as 80%).
        java.util.regex.Matcher chosen = java.util.regex.Pattern.compile("recommended: --batch-size (\\d+) "
                + "--partitions 64 --threads-per-task 4 ").matcher(r.out());
        if (chosen.find()) {
            long global = Long.parseLong(chosen.group(1));
            int at = -1;
            for (int i = 0; i < rows.size(); i++) {
                at = rows.get(i)[1] == global ? i : at;
            }
            assertTrue(at >= 0 && rows.get(at)[4] >= 80, "the recommended batch reaches 80%: " + r.out());
            assertTrue(at == 0 || rows.get(at - 1)[4] <= 80, "the batch before it does not: " + r.out());
        } else {
            assertTrue(r.out().contains("no batch up to 4096 per executor reaches 80% efficiency"), r.out());
            assertTrue(rows.stream().allMatch(row -> row[4] <= 80), r.out());
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

    @Test
    void aTargetEfficiencyIsAFraction() {
        assertEquals("convspark: error: --target-efficiency 80.0: must be between 0 and 1 (exclusive)",
                CliRun.of("plan", "--model", "lenet5", "--cluster", "4:2", "--target-efficiency", "80").oneErrorLine());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "64x4; --cluster 64x4: expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10",
            "0:4; --cluster 0:4: expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10 (executors 1-100000, cores >= 1, a link speed > 0)",
            "8:4:fast; --cluster 8:4:fast: expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10",
            "200000:4; --cluster 200000:4: expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10 (executors 1-100000, cores >= 1, a link speed > 0)"})
    void aBadClusterIsOneLine(String cluster, String message) {
        assertEquals("convspark: error: " + message,
                CliRun.of("plan", "--model", "lenet5", "--cluster", cluster).oneErrorLine());
    }
}
