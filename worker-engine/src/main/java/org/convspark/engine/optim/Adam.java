package org.convspark.engine.optim;

/**
 * Adam (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015) in PyTorch's
 * form: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)} with {@code t = step + 1}, where
 * {@code g} includes L2 weight decay {@code wd p} (coupled; see {@link AdamW} for decoupled).
 * State: {@code m}, {@code v}.
 */
public class Adam extends FlatOptimizer {

    protected final double beta1;
    protected final double beta2;
    protected final double eps;

    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double eps, double weightDecay,
                double clipNorm) {
        super(2, schedule, weightDecay, clipNorm);
        ScheduleChecks.fraction("beta1", beta1);
        ScheduleChecks.fraction("beta2", beta2);
        ScheduleChecks.positive("eps", eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    protected void update(float[] params, float[] gradient, float gradientScale, double lr, long step,
                          float[][] state) {
        adamUpdate(params, gradient, gradientScale, lr, step, state, weightDecay);
    }

    /** The Adam step with {@code coupledDecay * p} added to the gradient. */
    final void adamUpdate(float[] params, float[] gradient, float gradientScale, double lr, long step,
                          float[][] state, double coupledDecay) {
        float[] m = state[0];
        float[] v = state[1];
        double t = step + 1.0;
        // StrictMath: with all_reduce barrier every task steps its own copy of the parameters, and
        // Math.pow may differ by an ulp between JVM builds; the copies must stay bit-identical.
        float stepSize = (float) (lr / (1 - StrictMath.pow(beta1, t)));
        float sqrtCorrection2 = (float) Math.sqrt(1 - StrictMath.pow(beta2, t));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float rest1 = (float) (1 - beta1);
        float rest2 = (float) (1 - beta2);
        float epsilon = (float) eps;
        float decay = (float) coupledDecay;
        for (int i = 0; i < params.length; i++) {
            float g = gradientScale * gradient[i] + decay * params[i];
            float mi = b1 * m[i] + rest1 * g;
            float vi = b2 * v[i] + rest2 * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] = params[i] - stepSize * mi / ((float) Math.sqrt(vi) / sqrtCorrection2 + epsilon);
        }
    }

    @Override
    public Adam copy() {
        return new Adam(schedule, beta1, beta2, eps, weightDecay, clipNorm);
    }

    @Override
    public String toString() {
        return describe("beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps);
    }
}
