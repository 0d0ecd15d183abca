package org.convspark.engine.optim;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled weight decay regularization", ICLR 2019) as PyTorch's
 * {@code AdamW}: first {@code p *= 1 - lr wd}, then the {@link Adam} step on the raw gradient.
 */
public final class AdamW extends Adam {
    public AdamW(LearningRateSchedule schedule, double beta1, double beta2, double eps, double weightDecay,
                 double clipNorm) {
        super(schedule, beta1, beta2, eps, weightDecay, clipNorm);
    }

    @Override
    protected void update(float[] params, float[] gradient, float gradientScale, double lr, long step,
                          float[][] state) {
        float decay = (float) (1 - lr * weightDecay);
        for (int i = 0; i < params.length; i++) {
            params[i] *= decay;
        }
        adamUpdate(params, gradient, gradientScale, lr, step, state, 0);
    }

    @Override
    public AdamW copy() {
        return new AdamW(schedule, beta1, beta2, eps, weightDecay, clipNorm);
    }
}
