package org.convspark.driver;

import org.convspark.engine.json.JsonNull;
import org.convspark.engine.json.JsonNumber;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;

/**
 * One epoch's numbers. Losses are means per sample, accuracies fractions in [0, 1]; the test
 * fields are NaN without a test set. {@code computeSeconds} is the slowest partition's engine time
 * summed over steps (measured on the executors); {@code overheadSeconds} is the rest of the step
 * time: broadcast, scheduling, serialization, aggregation and the optimizer step. With the barrier
 * collective, {@code driverBytesPerStep} is what the driver received and sent per step (joins,
 * progress, counts) and {@code taskBytesPerStep} what partition 0's task sent and received per
 * step, as the collective counted them; both NaN on the tree path.
 */
public record EpochMetrics(int epoch, long steps, long samples, double trainLoss, double trainAccuracy,
                           double testLoss, double testAccuracy, double seconds, double computeSeconds,
                           double overheadSeconds, double driverBytesPerStep, double taskBytesPerStep) {
    /** An epoch without collective byte counts (the tree path, whose bytes travel inside Spark's jobs). */
    public EpochMetrics(int epoch, long steps, long samples, double trainLoss, double trainAccuracy, double testLoss,
                        double testAccuracy, double seconds, double computeSeconds, double overheadSeconds) {
        this(epoch, steps, samples, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds, computeSeconds,
                overheadSeconds, Double.NaN, Double.NaN);
    }

    public double imagesPerSecond() {
        return samples / seconds;
    }

    /** Share of step time spent outside the engine. */
    public double overheadShare() {
        return overheadSeconds / (computeSeconds + overheadSeconds);
    }

    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("epoch", epoch)
                .put("steps", steps)
                .put("train_loss", trainLoss)
                .put("train_accuracy", trainAccuracy);
        if (!Double.isNaN(testAccuracy)) {
            b.put("test_loss", testLoss).put("test_accuracy", testAccuracy);
        }
        return b.put("images_per_second", imagesPerSecond())
                .put("seconds", seconds)
                .put("compute_seconds", computeSeconds)
                .put("overhead_seconds", overheadSeconds)
                .put("driver_bytes_per_step", orNull(driverBytesPerStep))
                .put("task_bytes_per_step", orNull(taskBytesPerStep))
                .build();
    }

    private static JsonValue orNull(double value) {
        return Double.isNaN(value) ? JsonNull.INSTANCE : JsonNumber.of(value);
    }

    /** The progress line a run logs. */
    public String toLine() {
        String test = Double.isNaN(testAccuracy) ? ""
                : String.format(" test loss %.4f test acc %.2f%%", testLoss, 100 * testAccuracy);
        return String.format("epoch %d: %d steps, train loss %.4f train acc %.2f%%%s, %.0f images/s, %.1f s"
                        + " (compute %.1f s, communication/overhead %.1f s = %.0f%%)",
                epoch, steps, trainLoss, 100 * trainAccuracy, test, imagesPerSecond(), seconds, computeSeconds,
                overheadSeconds, 100 * overheadShare());
    }
}
