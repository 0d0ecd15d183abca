package org.convspark.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Finite-difference gradient checks. The core compares an analytic gradient of a scalar
 * objective with central differences {@code (f(x + h) - f(x - h)) / 2h}, perturbing the
 * array in place and restoring it; an entry passes when
 * {@code |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|)}.
 */
public final class GradientCheck {
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
    public GradientCheck(double step, double atol, double rtol, int maxEntries) {
        this.step = step;
        this.atol = atol;
        this.rtol = rtol;
        this.maxEntries = maxEntries;
    }

    /** Defaults that suit float32 layers with O(1) values: h = 1e-2, atol 1e-3, rtol 1e-2. */
    public static GradientCheck forFloat() {
        return new GradientCheck(1e-2, 1e-3, 1e-2, 400);
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

    /**
     * Checks a layer's input and parameter gradients: the objective is {@code <forward(x), r>} for
     * a fixed random {@code r}, whose gradient backward computes from {@code gradOutput = r}.
     * {@code input} is {@code batch x layer.inputShape()}.
     */
    public void checkLayer(Layer layer, float[] input, int batch, float[] params, boolean training, long seed) {
        Shape inShape = layer.inputShape().prepend(batch);
        Shape outShape = layer.outputShape().prepend(batch);
        Random rng = new Random(seed);
        float[] r = new float[outShape.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (2 * rng.nextDouble() - 1);
        }
        Tensor y = layer.forward(new Tensor(input, inShape), params, 0, training);
        if (!y.shape().equals(outShape)) {
            fail(layer.getClass().getSimpleName() + " output shape " + y.shape() + ", expected " + outShape);
        }
        float[] paramGrad = new float[params.length];
        float[] inputGrad = layer.backward(new Tensor(r.clone(), outShape), params, 0, paramGrad).toArray();
        DoubleSupplier objective = () -> {
            float[] out = layer.forward(new Tensor(input, inShape), params, 0, training).data();
            double sum = 0;
            for (int i = 0; i < r.length; i++) {
                sum += (double) r[i] * out[i];
            }
            return sum;
        };
        String name = layer.getClass().getSimpleName();
        check(name + " input gradient", input, inShape.size(), inputGrad, objective, seed + 1);
        check(name + " parameter gradient", params, layer.parameterCount(), paramGrad, objective, seed + 2);
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
