package org.convspark.bench;

import java.util.function.LongSupplier;

/**
 * For figures taken as the difference of two training runs' wall times (a short run and a longer
 * one, so the start costs cancel): the runs leave out the first barrier round's warm-up steps
 * ({@code convspark.warmUp.steps=0}, read by the driver at every run). Those steps stop on time,
 * not on a count, so two runs' warm-ups differ and would not cancel (bench/train read a repeat of
 * 224,514 images/s, 4.5x the engine alone, with them); the runs before have warmed the JVMs.
 */
public final class WithoutWarmUpSteps {
    private static final String PROPERTY = org.convspark.driver.DistributedTrainer.WARM_UP_STEPS_PROPERTY;

    private WithoutWarmUpSteps() {
    }

    /** What {@code runs} returns, with the warm-up steps off while it runs. */
    public static synchronized long measure(LongSupplier runs) {
        String before = System.setProperty(PROPERTY, "0");
        try {
            return runs.getAsLong();
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
