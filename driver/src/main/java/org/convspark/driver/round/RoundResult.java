package org.convspark.driver.round;

/**
 * What a barrier round ({@link BarrierRound}) hands back to the driver, from partition 0's task:
 * the metrics of each step taken (sums over all partitions, vectors dropped), the parameters and
 * optimizer state after the last one, and, when the round stopped at a non-finite mean gradient or
 * loss, that step with its gradient and loss, before any of it reached the parameters.
 */
public final class RoundResult {
    public final StepAggregate[] steps;
    public final float[] params;
    public final float[][] state;
    public final long divergedStep;
    public final float[] divergedGradient;
    public final double divergedLoss;
    /** Set on the driver after the round: what the coordinator counted. */
    public long driverBytes;
    /** Bytes partition 0's task sent and received in the round. */
    public long partition0Bytes;

    public RoundResult(StepAggregate[] steps, float[] params, float[][] state, long divergedStep, float[] divergedGradient,
                double divergedLoss) {
        this.steps = steps;
        this.params = params;
        this.state = state;
        this.divergedStep = divergedStep;
        this.divergedGradient = divergedGradient;
        this.divergedLoss = divergedLoss;
    }

    public boolean diverged() {
        return divergedGradient != null;
    }
}
