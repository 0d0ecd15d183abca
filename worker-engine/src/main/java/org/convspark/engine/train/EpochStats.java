package org.convspark.engine.train;

import org.convspark.engine.layers.BatchResult;

/**
 * One epoch of training.
 *
 * @param epoch         epoch number, from 0
 * @param steps         optimizer steps taken in the epoch
 * @param train         loss and accuracy over the epoch's training batches (in training mode, as seen
 *                      by the steps, with the parameters of each step)
 * @param test          loss and accuracy on the test data after the epoch; {@code null} without test data
 */
public record EpochStats(long epoch, long steps, BatchResult train, BatchResult test) {
    @Override
    public String toString() {
        return String.format("epoch %d: %d steps, loss %.4f, train accuracy %.4f%s", epoch, steps, train.meanLoss(),
                train.accuracy(), test == null ? "" : String.format(", test loss %.4f, test accuracy %.4f",
                        test.meanLoss(), test.accuracy()));
    }
}
