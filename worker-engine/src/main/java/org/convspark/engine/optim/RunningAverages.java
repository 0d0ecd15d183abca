package org.convspark.engine.optim;

/**
 * Steps a model that holds state in its flat parameter array (batch norm's running statistics):
 * an {@link Optimizer} for the trainable values and, for each state range, an exponential moving
 * average {@code (1 - m) old + m batch} of the value the step's mean gradient carries there (what
 * a batch norm layer puts in those entries: see {@code layers.BatchNorm}). The inner optimizer
 * sees zeros in the state entries, so clipping, weight decay and moments ignore them, and its
 * update of those entries is replaced by the average. The blend computes in float, so every task
 * of a barrier round gets the same bits.
 */
public final class RunningAverages implements Optimizer {
    private final Optimizer inner;
    private final int[] offsets;
    private final int[] lengths;
    private final float[] momenta;
    private float[] trainableGradient = new float[0];
    private float[] before = new float[0];

    /**
     * @param offsets where each state range starts in the flat array
     * @param lengths its length
     * @param momenta its averaging factor m
     */
    public RunningAverages(Optimizer inner, int[] offsets, int[] lengths, float[] momenta) {
        if (offsets.length != lengths.length || offsets.length != momenta.length) {
            throw new IllegalArgumentException("state ranges: " + offsets.length + " offsets, " + lengths.length
                    + " lengths, " + momenta.length + " momenta");
        }
        this.inner = inner;
        this.offsets = offsets.clone();
        this.lengths = lengths.clone();
        this.momenta = momenta.clone();
    }

    /** {@code inner} itself when there is no state, else the wrapper. */
    public static Optimizer around(Optimizer inner, int[] offsets, int[] lengths, float[] momenta) {
        return offsets.length == 0 ? inner : new RunningAverages(inner, offsets, lengths, momenta);
    }

    @Override
    public void step(float[] params, float[] meanGradient, long step) {
        if (trainableGradient.length != meanGradient.length) {
            trainableGradient = new float[meanGradient.length];
            before = new float[params.length];
        }
        System.arraycopy(meanGradient, 0, trainableGradient, 0, meanGradient.length);
        for (int r = 0; r < offsets.length; r++) {
            int from = offsets[r];
            int to = from + lengths[r];
            java.util.Arrays.fill(trainableGradient, from, to, 0f);
            System.arraycopy(params, from, before, from, lengths[r]);
        }
        inner.step(params, trainableGradient, step);
        for (int r = 0; r < offsets.length; r++) {
            float m = momenta[r];
            for (int i = offsets[r]; i < offsets[r] + lengths[r]; i++) {
                params[i] = (1f - m) * before[i] + m * meanGradient[i];
            }
        }
    }

    @Override
    public float[][] state() {
        return inner.state();
    }

    @Override
    public void restoreState(float[][] state) {
        inner.restoreState(state);
    }

    @Override
    public Optimizer copy() {
        return new RunningAverages(inner.copy(), offsets, lengths, momenta);
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
