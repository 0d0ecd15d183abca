package org.convspark.driver;

/**
 * Training stopped because a step's loss or mean gradient held a NaN or an infinity: the update
 * was not applied and no checkpoint was written after the last good step. Neither a user-input
 * error (the data and options were valid) nor a bug (a learning rate that is too high for the
 * model does this), so it has its own type and the CLI its own exit code.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final String layer;

    TrainingDivergedException(long step, String layer, String message) {
        super(message);
        this.step = step;
        this.layer = layer;
    }

    /** The global step (0-based) whose loss or gradient went bad. */
    public long step() {
        return step;
    }

    /** The layer owning the first bad gradient element ("layer 3 (conv)"), or null when the loss alone was bad. */
    public String layer() {
        return layer;
    }

    /** This exception with {@code note} (what was kept, what to change) appended to its message. */
    TrainingDivergedException withNote(String note) {
        TrainingDivergedException e = new TrainingDivergedException(step, layer, getMessage() + "; " + note);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
