package org.convspark.driver;

/**
 * Called on the driver after every global step (or local-steps round), for progress display: a
 * command line's progress bar, a notebook's live plot. Must return quickly; it runs between steps.
 * With {@link AllReduce#BARRIER} it is called from the driver's gradient hub thread as each step's
 * mean goes out to the tasks (one call at a time); a round Spark reruns does not report the steps
 * it had already reported (the rerun reaches the same numbers).
 */
@FunctionalInterface
public interface StepListener {
    /**
     * @param step       global steps completed so far (including those before a resume)
     * @param totalSteps steps the run will take in all
     * @param epoch      the epoch (from 1) the step belonged to
     * @param meanLoss   mean training loss over the samples of the step
     */
    void onStep(long step, long totalSteps, int epoch, double meanLoss);
}
