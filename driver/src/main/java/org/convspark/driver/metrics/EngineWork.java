package org.convspark.driver.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * What this JVM's engine has trained for the tasks run in it, since the JVM started: samples
 * through forward and backward and the time that took (gathering the share, augmentation,
 * forward, backward, batch norm's sums with the other tasks). Evaluation, scoring and the
 * warm-up are not counted. Executor tasks add ({@code WorkerContext.trainShare}); the plugin's
 * executor gauges read. Adders, because a JVM's task threads add at once.
 */
public final class EngineWork {
    private static final LongAdder SAMPLES = new LongAdder();
    private static final LongAdder NANOS = new LongAdder();

    private EngineWork() {
    }

    /** A task's engine trained {@code samples} samples in {@code nanos}. */
    public static void trained(long samples, long nanos) {
        SAMPLES.add(samples);
        NANOS.add(nanos);
    }

    public static long samples() {
        return SAMPLES.sum();
    }

    public static long computeNanos() {
        return NANOS.sum();
    }
}
