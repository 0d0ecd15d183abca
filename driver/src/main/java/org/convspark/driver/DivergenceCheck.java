package org.convspark.driver;

import org.convspark.engine.spec.ModelSpec;

/**
 * The trainer's guard against divergence, whichever kind of round took the steps: a non-finite
 * mean gradient, averaged parameters or loss stops the run with the step and the layer to blame.
 */
final class DivergenceCheck {
    private final ModelSpec spec;

    DivergenceCheck(ModelSpec spec) {
        this.spec = spec;
    }

    /**
     * Stops the run before a non-finite update reaches the parameters (or a checkpoint). The
     * gradient is checked before the loss so that the message can name the layer whose gradient
     * went bad; a loss that overflowed alone has no layer to blame.
     */
    void check(long step, double lossSum, float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                String layer = layerOf(i);
                throw new TrainingDivergedException(step, layer, "training diverged at step " + step + ": the "
                        + (layer == null ? "optimizer state" : what + " of " + layer) + " is " + values[i]
                        + " (element " + i + "), the loss " + lossSum);
            }
        }
        if (!Double.isFinite(lossSum)) {
            throw new TrainingDivergedException(step, null, "training diverged at step " + step + ": the loss is "
                    + lossSum);
        }
    }

    /** Which layer owns flat parameter {@code index} (laid out layer after layer); null past the parameters. */
    private String layerOf(int index) {
        long end = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            end += spec.layers().get(i).parameterCount(spec.inputShape(i));
            if (index < end) {
                return "layer " + i + " (" + spec.label(i) + ")";
            }
        }
        return null;
    }
}
