package org.convspark.engine.testing;

import java.util.Arrays;
import java.util.Random;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Finite-difference gradient check for any {@link Layer}. The scalar checked is
 * {@code L = <forward(x), r>} for a random probe {@code r}, so {@code backward(r)} must return
 * dL/dx and add dL/dparams. Each input and parameter element is moved by +-eps (central
 * differences); the float layer's outputs are summed in double and divided by the step the
 * float perturbation really took, which keeps the numerical side accurate to about
 * {@code ulp(L) / eps}.
 *
 * <p>Also checked on the way: the layer reads its parameters at a non-zero offset, adds (not
 * writes) its gradients into {@code grads}, and leaves the rest of {@code grads} alone.
 *
 * <p>The layer must be deterministic: every forward of the same input and parameters gives the
 * same output (a dropout layer needs the same mask on every call). Layers with kinks (max,
 * ReLU) need inputs at least eps away from every kink.
 */
public final class GradientCheck {
    /** Where the parameters sit inside the larger arrays handed to the layer. */
    private static final int OFFSET = 3;
    /** What {@code grads} holds before backward, so an overwrite is caught. */
    private static final float GRAD_PREFILL = 0.25f;

    private final Layer layer;
    private double eps = 1e-2;
    private double absTolerance = 1e-3;
    private double relTolerance = 1e-3;
    private boolean training;
    private int trainable = -1;

    private GradientCheck(Layer layer) {
        this.layer = layer;
        this.trainable = layer.parameterCount();
    }

    public static GradientCheck of(Layer layer) {
        return new GradientCheck(layer);
    }

    /** Perturbation size (default 1e-2: exact for linear maps, tight enough for smooth ones). */
    public GradientCheck eps(double eps) {
        this.eps = eps;
        return this;
    }

    /** Pass when {@code |numeric - analytic| <= abs + rel * max(|numeric|, |analytic|)}. */
    public GradientCheck tolerance(double abs, double rel) {
        this.absTolerance = abs;
        this.relTolerance = rel;
        return this;
    }

    /** The {@code training} flag forwarded to the layer (default false). */
    public GradientCheck training(boolean training) {
        this.training = training;
        return this;
    }

    /**
     * Checks only the first {@code count} parameters: the rest are model state (batch norm's
     * running statistics), whose entries in {@code grads} carry statistics, not a derivative.
     */
    public GradientCheck trainable(int count) {
        this.trainable = count;
        return this;
    }

    /** Checks with an input and parameters drawn uniform in [-1, 1) and a random probe. */
    public void check(int batch, long seed) {
        Random rng = new Random(seed);
        Shape shape = layer.inputShape().prepend(batch);
        float[] params = TestArrays.uniform(rng, layer.parameterCount());
        check(new Tensor(TestArrays.uniform(rng, shape.size()), shape), params, rng.nextLong());
    }

    /**
     * Checks the gradients at input {@code input} and parameters {@code params} (length
     * {@code parameterCount()}); throws {@link AssertionError} naming the worst element.
     */
    public void check(Tensor input, float[] params, long seed) {
        int count = layer.parameterCount();
        if (params.length != count) {
            throw new IllegalArgumentException("params has " + params.length + " values, the layer " + count);
        }
        float[] x = input.toArray();
        float[] p = new float[count + 2 * OFFSET];
        Arrays.fill(p, Float.NaN);
        System.arraycopy(params, 0, p, OFFSET, count);

        Tensor y = layer.forward(new Tensor(x.clone(), input.shape()), p, OFFSET, training);
        float[] probe = TestArrays.uniform(new Random(seed), y.size());
        float[] grads = new float[p.length];
        Arrays.fill(grads, GRAD_PREFILL);
        float[] dx = layer.backward(new Tensor(probe.clone(), y.shape()), p, OFFSET, grads).toArray();
        if (dx.length != x.length) {
            throw new AssertionError("input gradient has " + dx.length + " elements, input " + x.length);
        }
        for (int i = 0; i < grads.length; i++) {
            if ((i < OFFSET || i >= OFFSET + count) && grads[i] != GRAD_PREFILL) {
                throw new AssertionError("backward wrote grads[" + i + "] outside its range [" + OFFSET + ", "
                        + (OFFSET + count) + ")");
            }
        }
        float[] dp = new float[count];
        for (int i = 0; i < count; i++) {
            dp[i] = grads[OFFSET + i] - GRAD_PREFILL;
        }

        Worst worst = new Worst();
        for (int i = 0; i < x.length; i++) {
            float[] xi = x.clone();
            double numeric = centralDifference(xi, i, () -> loss(xi, input.shape(), p, probe));
            worst.offer("input", i, numeric, dx[i]);
        }
        for (int i = 0; i < trainable; i++) {
            int at = OFFSET + i;
            double numeric = centralDifference(p, at, () -> loss(x, input.shape(), p, probe));
            worst.offer("parameter", i, numeric, dp[i]);
        }
        if (worst.what != null) {
            throw new AssertionError(layer.getClass().getSimpleName() + " " + layer.inputShape() + ": gradient of "
                    + worst.what + " " + worst.index + " is " + worst.analytic + " but finite differences give "
                    + worst.numeric + " (eps " + eps + ", tolerance " + absTolerance + " + " + relTolerance + " * max)");
        }
    }

    private double centralDifference(float[] a, int i, java.util.function.DoubleSupplier loss) {
        float original = a[i];
        float up = (float) (original + eps);
        float down = (float) (original - eps);
        a[i] = up;
        double lossUp = loss.getAsDouble();
        a[i] = down;
        double lossDown = loss.getAsDouble();
        a[i] = original;
        return (lossUp - lossDown) / ((double) up - down);
    }

    private double loss(float[] x, Shape shape, float[] params, float[] probe) {
        Tensor y = layer.forward(new Tensor(x.clone(), shape), params, OFFSET, training);
        return TestArrays.dot(y.data(), probe, y.size());
    }

    /** The element whose error exceeds its tolerance by the most. */
    private final class Worst {
        String what;
        int index;
        double numeric;
        double analytic;
        double excess;

        void offer(String kind, int i, double num, double ana) {
            double e = Math.abs(num - ana) - (absTolerance + relTolerance * Math.max(Math.abs(num), Math.abs(ana)));
            if (!(e <= 0) && (what == null || !(e <= excess))) {
                what = kind;
                index = i;
                numeric = num;
                analytic = ana;
                excess = e;
            }
        }
    }
}
