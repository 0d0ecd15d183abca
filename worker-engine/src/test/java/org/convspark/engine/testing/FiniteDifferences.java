package org.convspark.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Finite-difference check of the gradient of any scalar objective of a float array (a loss, a
 * whole network's loss over its flat parameters); {@link GradientCheck} is the one for a single
 * layer. Compares the analytic gradient with central differences
 * {@code (f(x + h) - f(x - h)) / (x+h - (x-h))}, perturbing the array in place and restoring
 * it; an entry passes when {@code |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|)}.
 */
public final class FiniteDifferences {
    private final double step;
    private final double atol;
    private final double rtol;
    private final int maxEntries;

    /**
     * @param step       the finite-difference step h
     * @param atol       absolute tolerance
     * @param rtol       relative tolerance
     * @param maxEntries entries checked per array (a seeded random subset when the array is larger)
     */
    public FiniteDifferences(double step, double atol, double rtol, int maxEntries) {
        this.step = step;
        this.atol = atol;
        this.rtol = rtol;
        this.maxEntries = maxEntries;
    }

    /** Defaults that suit float32 layers with O(1) values: h = 1e-2, atol 1e-3, rtol 1e-2. */
    public static FiniteDifferences forFloat() {
        return new FiniteDifferences(1e-2, 1e-3, 1e-2, 400);
    }

    /**
     * Fails unless {@code analytic} matches central differences of {@code objective} with
     * respect to {@code x}; {@code objective} must read {@code x} each time it runs.
     */
    public void check(String what, float[] x, int length, float[] analytic, DoubleSupplier objective, long seed) {
        int[] indices = indices(length, seed);
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        double worst = 0;
        for (int i : indices) {
            float saved = x[i];
            x[i] = (float) (saved + step);
            double plus = objective.getAsDouble();
            x[i] = (float) (saved - step);
            double minus = objective.getAsDouble();
            // The float-rounded perturbation is the true one, not 2h.
            double numeric = (plus - minus) / ((double) (float) (saved + step) - (double) (float) (saved - step));
            x[i] = saved;
            double a = analytic[i];
            double error = Math.abs(a - numeric);
            worst = Math.max(worst, error);
            if (!(error <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
                if (failed < 10) {
                    failures.append(String.format("%n  %s[%d]: analytic %.6g, numeric %.6g", what, i, a, numeric));
                }
                failed++;
            }
        }
        if (failed > 0) {
            fail(failed + " of " + indices.length + " entries of " + what + " differ (worst " + worst + "):"
                    + failures);
        }
    }

    private int[] indices(int length, long seed) {
        if (length <= maxEntries) {
            int[] all = new int[length];
            for (int i = 0; i < length; i++) {
                all[i] = i;
            }
            return all;
        }
        return new Random(seed).ints(0, length).distinct().limit(maxEntries).toArray();
    }
}
