package org.convspark.bench.train;

import java.io.PrintStream;
import java.util.List;
import org.convspark.driver.EpochMetrics;
import org.convspark.driver.TrainingResult;

/** Prints bench/train's one table: throughput with ratios to the baseline, the step cost, the accuracy run. */
final class TrainTable {
    private final String header;
    private final List<Throughput> rows;
    private final Throughput baseline;

    TrainTable(String header, List<Throughput> rows, Throughput baseline) {
        this.header = header;
        this.rows = rows;
        this.baseline = baseline;
    }

    void print(PrintStream out, List<String> notes, StepCost.Result cost, String costSetting, Recipe recipe,
               String accuracySetting, TrainingResult accuracy, double target) {
        out.println(header);
        out.printf("%-52s %6s %12s %9s   %s%n", "configuration", "batch", "images/s", "ratio", "repeats (images/s)");
        for (Throughput row : rows) {
            StringBuilder each = new StringBuilder();
            for (double v : row.imagesPerSecond()) {
                each.append(each.length() == 0 ? "" : " ").append(String.format("%.0f", v));
            }
            out.printf("%-52s %6d %12.0f %8.2fx   %s%s%n", row.configuration(), row.batch(), row.median(),
                    row.median() / baseline.median(), each, row == baseline ? "  (baseline)" : "");
        }
        notes.forEach(out::println);
        out.println();
        out.printf("Spark step fixed cost (%s; tree: median, barrier: mean over one round):%n", costSetting);
        out.printf("  2-weight model, one sample per partition: %.1f ms/step tree, %.2f ms/step barrier%n",
                cost.tinyStepMillis(), cost.tinyBarrierMillis());
        out.printf("  LeNet-5, one sample per partition:       %.1f ms/step tree, %.2f ms/step barrier (broadcast"
                + " %,d bytes; one partition's aggregate %,d bytes)%n", cost.modelStepMillis(),
                cost.modelBarrierMillis(), cost.broadcastBytes(), cost.aggregateBytes());
        out.println();
        out.printf("Accuracy run (%s): %s%n", accuracySetting, recipe.asOptions());
        // The warm-up is the run's time too, though in no epoch's.
        double elapsed = accuracy.warmUpSeconds();
        out.printf("  warm-up: %.1f s%n", elapsed);
        double reachedAt = Double.NaN;
        int reachedEpoch = 0;
        double best = 0;
        for (EpochMetrics m : accuracy.history()) {
            elapsed += m.seconds();
            best = Math.max(best, m.testAccuracy());
            out.printf("  epoch %d: test accuracy %.2f%%, train loss %.4f, %.0f images/s, %.1f s of training so far%n",
                    m.epoch(), 100 * m.testAccuracy(), m.trainLoss(), m.imagesPerSecond(), elapsed);
            if (Double.isNaN(reachedAt) && m.testAccuracy() >= target) {
                reachedAt = elapsed;
                reachedEpoch = m.epoch();
            }
        }
        if (Double.isNaN(reachedAt)) {
            out.printf("  time to %.0f%% test accuracy: not reached (best %.2f%%)%n", 100 * target, 100 * best);
        } else {
            out.printf("  time to %.0f%% test accuracy: %.1f s of training, the warm-up's included (epoch %d)%n",
                    100 * target, reachedAt, reachedEpoch);
        }
    }
}
