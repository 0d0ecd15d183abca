package org.convspark.engine.optim;

/**
 * Clipping by global L2 norm (Pascanu, Mikolov and Bengio, "On the difficulty of training
 * recurrent neural networks", ICML 2013; PyTorch's {@code clip_grad_norm_}): when the norm of the
 * whole gradient exceeds {@code maxNorm}, every component is scaled by
 * {@code maxNorm / (norm + 1e-6)}. Returned as a factor so the gradient itself is never modified.
 */
public final class GradientClipping {
    /** PyTorch's guard against division by a zero norm. */
    private static final double EPSILON = 1e-6;

    private GradientClipping() {
    }

    /** The global L2 norm, accumulated in double. */
    public static double norm(float[] gradient) {
        double sum = 0;
        for (float g : gradient) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    /** The factor to multiply the gradient by: 1 when {@code maxNorm} is 0 (off) or not exceeded. */
    public static double scale(float[] gradient, double maxNorm) {
        if (maxNorm == 0) {
            return 1;
        }
        double coefficient = maxNorm / (norm(gradient) + EPSILON);
        return Math.min(1, coefficient);
    }
}
