package org.convspark.driver;

/**
 * Called on the driver after every global step (or local-steps round), for progress display: a
 * command line's progress bar, a notebook's live plot. Must return quickly; it runs between steps.
 * With {@link AllReduce#BARRIER} it is called from the round coordinator's thread as partition 0
 * reports its steps (in order, one call at a time, several steps at most every 100 ms); a round the
 * driver reruns does not report the steps it had already reported (the rerun reaches the same
 * numbers).
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
