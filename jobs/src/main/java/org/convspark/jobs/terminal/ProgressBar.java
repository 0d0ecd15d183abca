package org.convspark.jobs.terminal;

import org.convspark.driver.StepListener;

/**
 * A live progress bar for a terminal, fed by the trainer after every step: overall progress,
 * the epoch and the step's training loss, drawn on the {@link Console}, which clears it before
 * each log line.
 */
public final class ProgressBar implements StepListener {
    private static final int WIDTH = 30;

    private final Console console;

    public ProgressBar(Console console) {
        this.console = console;
    }

    @Override
    public void onStep(long step, long totalSteps, int epoch, double meanLoss) {
        console.bar(render(step, totalSteps, epoch, meanLoss));
    }

    static String render(long step, long totalSteps, int epoch, double meanLoss) {
        int filled = totalSteps <= 0 ? WIDTH : (int) (WIDTH * Math.min(step, totalSteps) / totalSteps);
        return String.format("[%s%s] step %d/%d, epoch %d, loss %.4f", "#".repeat(filled), "-".repeat(WIDTH - filled),
                step, totalSteps, epoch, meanLoss);
    }
}
