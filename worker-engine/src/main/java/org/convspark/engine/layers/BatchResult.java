package org.convspark.engine.layers;

/**
 * What a batch yields besides gradients: sums, never means, so that results from any split of a
 * batch add up to the whole batch's result (the driver divides once).
 *
 * @param lossSum sum over samples of the cross-entropy loss
 * @param correct samples whose arg-max prediction equals the label
 * @param count   samples
 */
public record BatchResult(double lossSum, long correct, long count) {
    public static final BatchResult ZERO = new BatchResult(0, 0, 0);

    public BatchResult plus(BatchResult o) {
        return new BatchResult(lossSum + o.lossSum, correct + o.correct, count + o.count);
    }

    /** Mean loss per sample; NaN for an empty result. */
    public double meanLoss() {
        return lossSum / count;
    }

    /** Share of correct predictions; NaN for an empty result. */
    public double accuracy() {
        return (double) correct / count;
    }
}
