package org.convspark.engine.optim;

/**
 * What every optimizer here shares: the learning-rate schedule, weight decay, global-norm
 * clipping, argument checks and the state arrays (one per parameter, allocated on the first
 * step). Subclasses implement one update over flat arrays.
 *
 * <p>The updates compute in float, as PyTorch's optimizers do on float32 parameters, and in plain
 * counted loops over the arrays: C2 vectorizes those (Adam over LeNet-5's 61,706 parameters took
 * 380 us per step with double intermediates, which it does not vectorize, and 11 us in float,
 * measured on this project's AVX-512 machines), and in a barrier round every task pays the
 * optimizer step of every step. Float {@code + - * /} and {@code sqrt} are correctly rounded and
 * Java never contracts them into fused multiply-adds, so the result is the same bit for bit
 * whether the loop runs interpreted, compiled or vectorized: tasks whose JITs are at different
 * stages still hold identical parameters.
 */
public abstract class FlatOptimizer implements Optimizer {
    protected final LearningRateSchedule schedule;
    protected final double weightDecay;
    protected final double clipNorm;
    private final int stateArrays;
    private float[][] state;

    protected FlatOptimizer(int stateArrays, LearningRateSchedule schedule, double weightDecay, double clipNorm) {
        if (schedule == null) {
            throw new IllegalArgumentException("an optimizer needs a learning-rate schedule");
        }
        ScheduleChecks.nonNegative("weight_decay", weightDecay);
        ScheduleChecks.nonNegative("clip_norm", clipNorm);
        this.stateArrays = stateArrays;
        this.schedule = schedule;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.state = new float[stateArrays][0];
    }

    /**
     * Updates {@code params} in place. The effective gradient is {@code gradientScale * gradient}
     * (the clipping factor is applied here, so the caller's gradient is never written).
     */
    protected abstract void update(float[] params, float[] gradient, float gradientScale, double lr, long step,
                                   float[][] state);

    @Override
    public final void step(float[] params, float[] meanGradient, long step) {
        if (params.length != meanGradient.length) {
            throw new IllegalArgumentException(name() + ": gradient has length " + meanGradient.length
                    + ", params " + params.length);
        }
        if (step < 0) {
            throw new IllegalArgumentException(name() + ": step must be >= 0, got " + step);
        }
        for (int i = 0; i < stateArrays; i++) {
            if (state[i].length == 0) {
                state[i] = new float[params.length];
            } else if (state[i].length != params.length) {
                throw new IllegalArgumentException(name() + ": state holds " + state[i].length
                        + " parameters, this step has " + params.length);
            }
        }
        float scale = (float) GradientClipping.scale(meanGradient, clipNorm);
        update(params, meanGradient, scale, schedule.at(step), step, state);
    }

    @Override
    public final float[][] state() {
        float[][] copy = new float[stateArrays][];
        for (int i = 0; i < stateArrays; i++) {
            copy[i] = state[i].clone();
        }
        return copy;
    }

    @Override
    public final void restoreState(float[][] restored) {
        if (restored == null || restored.length != stateArrays) {
            throw new IllegalArgumentException(name() + " has " + stateArrays + " state arrays, got "
                    + (restored == null ? "none" : restored.length));
        }
        for (int i = 0; i < stateArrays; i++) {
            if (restored[i] == null || restored[i].length != restored[0].length) {
                throw new IllegalArgumentException(name() + ": state array " + i + " has length "
                        + (restored[i] == null ? "null" : restored[i].length) + ", array 0 has "
                        + restored[0].length);
            }
        }
        float[][] copy = new float[stateArrays][];
        for (int i = 0; i < stateArrays; i++) {
            copy[i] = restored[i].clone();
        }
        state = copy;
    }

    /** The optimizer's name in run logs and messages. */
    protected String name() {
        return getClass().getSimpleName();
    }

    /** {@code Name(lr=..., <specific>, weightDecay=..., clipNorm=...)}: what a run log needs. */
    protected final String describe(String specific) {
        return name() + "(lr=" + schedule + (specific.isEmpty() ? "" : ", " + specific) + ", weightDecay="
                + weightDecay + ", clipNorm=" + (clipNorm == 0 ? "off" : clipNorm) + ")";
    }
}
