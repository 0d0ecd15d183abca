package org.convspark.engine.optim;

/**
 * Nesterov accelerated gradient (Nesterov 1983, in the form of Sutskever et al., "On the
 * importance of initialization and momentum in deep learning", ICML 2013) as PyTorch's
 * {@code SGD(nesterov=True)}: {@code v = mu v + g}, {@code p -= lr (g + mu v)}, where {@code g}
 * includes L2 weight decay {@code wd p}. State: {@code v}.
 */
public final class Nesterov extends Momentum {
    public Nesterov(LearningRateSchedule schedule, double momentum, double weightDecay, double clipNorm) {
        super(schedule, momentum, weightDecay, clipNorm, true);
        if (momentum == 0) {
            throw new IllegalArgumentException("nesterov needs momentum > 0, got 0");
        }
    }

    @Override
    public Nesterov copy() {
        return new Nesterov(schedule, momentum, weightDecay, clipNorm);
    }
}
