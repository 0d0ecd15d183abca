package org.convspark.engine.optim;

/**
 * A first-order optimizer over one flat parameter array.
 *
 * <p>Lifecycle: construct (hyper-parameters fixed, no state); call {@link #step} for steps
 * {@code t = 0, 1, 2, ...}, each updating {@code params} in place from the mean gradient of the
 * step's global batch (the state is sized from {@code params.length} on the first step);
 * {@link #state()} copies the state for a checkpoint and {@link #restoreState} puts it back, after
 * which {@code step(t)} continues exactly as if never interrupted; {@link #copy()} yields the same
 * hyper-parameters with fresh, independent state. Not thread-safe.
 */
public interface Optimizer {
    /**
     * One update of {@code params} from {@code meanGradient} (not modified). {@code step} counts from
     * 0 and drives the learning-rate schedule and bias corrections, so it must be passed, not inferred.
     */
    void step(float[] params, float[] meanGradient, long step);

    /** A copy of the state arrays (possibly none); each is empty before the first step. */
    float[][] state();

    /** Replaces the state with a copy of {@code state}, as returned by {@link #state()}. */
    void restoreState(float[][] state);

    /** Same hyper-parameters, fresh state. */
    Optimizer copy();
}
