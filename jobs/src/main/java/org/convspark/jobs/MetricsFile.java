package org.convspark.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convspark.driver.AllReduceChoice;
import org.convspark.driver.EpochMetrics;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonNull;
import org.convspark.engine.json.JsonNumber;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.report.ModelReport;
import org.convspark.jobs.html.ReportData;
import org.convspark.jobs.html.TrainingReport;

/**
 * What {@code train --report-dir DIR} writes: {@code metrics.json},
 * <pre>
 * {"config": {...the run's options and data...},
 *  "all_reduce": {"mode": .., "reason": ..},
 *  "engine_kernels": [{"line": .., "gemm": .., "blas": .., "core": .., "kernel_bits": .., "cpu_bits": .., ...}],
 *  "warm_up_seconds": ..,
 *  "epochs": [{"epoch": 1, "train_loss": .., "train_accuracy": .., "test_loss": .., "test_accuracy": ..,
 *              "images_per_second": .., "seconds": ..}, ...]}
 * </pre>
 * (accuracies as fractions in [0, 1]; the test fields are null without test data),
 * {@code report.json}, the model's parameter and receptive-field reports as {@code report --json}
 * writes them, and {@code report.html}, the training report page ({@link TrainingReport}). All
 * are written atomically.
 */
final class MetricsFile {
    static final String METRICS = "metrics.json";
    static final String REPORT = "report.json";
    static final String PAGE = "report.html";

    private MetricsFile() {
    }

    /** Refuses, before any work, a report directory that cannot be used. */
    static void checkUsable(Path dir) {
        Path absolute = dir.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UserError("--report-dir " + dir + ": " + (existing == absolute ? "exists and is not a directory"
                    : existing + " is not a directory"));
        }
        if (!Files.isWritable(existing)) {
            throw new UserError("--report-dir " + dir + ": " + existing + " is not writable");
        }
    }

    static JsonObject metrics(JsonObject config, AllReduceChoice allReduce, List<JsonObject> kernels,
                              double warmUpSeconds, List<EpochMetrics> history) {
        List<JsonValue> epochs = new ArrayList<>();
        for (EpochMetrics m : history) {
            epochs.add(JsonObject.builder()
                    .put("epoch", m.epoch())
                    .put("train_loss", number(m.trainLoss()))
                    .put("train_accuracy", number(m.trainAccuracy()))
                    .put("test_loss", number(m.testLoss()))
                    .put("test_accuracy", number(m.testAccuracy()))
                    .put("images_per_second", number(m.imagesPerSecond()))
                    .put("seconds", number(m.seconds()))
                    .put("driver_bytes_per_step", number(m.driverBytesPerStep()))
                    .put("task_bytes_per_step", number(m.taskBytesPerStep()))
                    .build());
        }
        JsonObject used = JsonObject.builder().put("mode", allReduce.mode().toString())
                .put("reason", allReduce.reason()).build();
        return JsonObject.builder().put("config", config).put("all_reduce", used)
                .put("engine_kernels", JsonArray.of(kernels))
                .put("warm_up_seconds", number(warmUpSeconds))
                .put("epochs", JsonArray.of(epochs)).build();
    }

    static void write(Path dir, JsonObject config, AllReduceChoice allReduce, List<JsonObject> kernels,
                      double warmUpSeconds, List<EpochMetrics> history, ModelReport report) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("--report-dir " + dir + ": cannot create: " + IoErrors.describe(e), e);
        }
        AtomicFiles.writeString(dir.resolve(METRICS), Json.pretty(metrics(config, allReduce, kernels, warmUpSeconds, history)) + "\n");
        AtomicFiles.writeString(dir.resolve(REPORT), Json.pretty(report.toJson()) + "\n");
    }

    /** Writes {@code report.html} (after {@link #write}, which creates the directory). */
    static void writePage(Path dir, ReportData data) {
        AtomicFiles.writeString(dir.resolve(PAGE), TrainingReport.render(data));
    }

    private static JsonValue number(double value) {
        return Double.isFinite(value) ? JsonNumber.of(value) : JsonNull.INSTANCE;
    }
}
