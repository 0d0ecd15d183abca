package org.convspark.jobs.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * A live progress bar for a terminal, fed by Spark's listener bus: the trainer names every step's
 * job "convspark MODEL: epoch E/N, step S/T (global step G)", so the bar needs no hook into the
 * training loop. Drawn on the {@link Console}, which clears it before each log line.
 */
public final class ProgressBar extends SparkListener {
    static final Pattern STEP = Pattern.compile("epoch (\\d+)/(\\d+), step (\\d+)/(\\d+)");
    private static final int WIDTH = 30;

    private final Console console;

    public ProgressBar(Console console) {
        this.console = console;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        String description = jobStart.properties() == null ? null
                : jobStart.properties().getProperty("spark.job.description");
        String text = render(description);
        if (text != null) {
            console.bar(text);
        }
    }

    /** The bar for a job description, or null when the job is not a training step. */
    static String render(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = STEP.matcher(description);
        if (!m.find()) {
            return null;
        }
        int step = Integer.parseInt(m.group(3));
        int steps = Integer.parseInt(m.group(4));
        int filled = steps <= 0 ? WIDTH : (int) ((long) WIDTH * Math.min(step, steps) / steps);
        return "epoch " + m.group(1) + "/" + m.group(2) + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + "step " + step + "/" + steps;
    }
}
