package org.convspark.bench.allreduce;

import java.util.Arrays;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;

/**
 * One configuration's result: {@code method} ({@code scatter}, {@code tree}, {@code star} among
 * the tasks, or {@code treeAggregate} through Spark jobs), P executors, n floats; the per-step
 * wall time's median and 10th/90th percentiles in milliseconds, and the bytes per step that the
 * busiest task and the driver sent plus received.
 */
record Measurement(String method, int executors, int n, int steps, double medianMillis, double p10Millis,
                   double p90Millis, double taskBytesPerStep, double driverBytesPerStep) {

    static Measurement of(String method, int executors, int n, long[] stepNanos, double taskBytesPerStep,
                          double driverBytesPerStep) {
        long[] sorted = stepNanos.clone();
        Arrays.sort(sorted);
        return new Measurement(method, executors, n, sorted.length, percentile(sorted, 0.5) / 1e6,
                percentile(sorted, 0.1) / 1e6, percentile(sorted, 0.9) / 1e6, taskBytesPerStep, driverBytesPerStep);
    }

    /** Linear interpolation between the closest ranks. */
    private static double percentile(long[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    JsonValue toJson() {
        return JsonObject.builder().put("method", method).put("executors", executors).put("n", n)
                .put("steps", steps).put("median_ms", medianMillis).put("p10_ms", p10Millis).put("p90_ms", p90Millis)
                .put("task_bytes_per_step", taskBytesPerStep).put("driver_bytes_per_step", driverBytesPerStep)
                .build();
    }

    static Measurement fromJson(JsonObject o) {
        return new Measurement(o.require("method").asString(), (int) o.require("executors").asLong(),
                (int) o.require("n").asLong(), (int) o.require("steps").asLong(), o.require("median_ms").asDouble(),
                o.require("p10_ms").asDouble(), o.require("p90_ms").asDouble(),
                o.require("task_bytes_per_step").asDouble(), o.require("driver_bytes_per_step").asDouble());
    }

    String row() {
        return String.format("%-14s %3d %10d %10.3f %10.3f %10.3f %14.0f %14.0f", method, executors, n, medianMillis,
                p10Millis, p90Millis, taskBytesPerStep, driverBytesPerStep);
    }

    static String header() {
        return String.format("%-14s %3s %10s %10s %10s %10s %14s %14s", "method", "P", "n", "median ms", "p10 ms",
                "p90 ms", "task B/step", "driver B/step");
    }
}
