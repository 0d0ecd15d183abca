package org.convspark.driver.data;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the pages of the next step's samples of an on-disk shard while the current step
 * computes, on one daemon thread per executor JVM, so that the step after gathers from memory:
 * a step's batch is a pure function of (seed, epoch, step), so the next one is known. It only
 * brings pages in; it never changes what a step reads. Counts, for the benchmark, the time spent
 * reading ahead and the time steps spent gathering from disk.
 */
public final class ReadAhead {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convspark-read-ahead");
        t.setDaemon(true);
        return t;
    });
    /** The system property that turns reading ahead off ({@code false}). */
    public static final String OFF = "convspark.readAhead";
    private static final LongAdder AHEAD_NANOS = new LongAdder();
    private static final LongAdder GATHER_NANOS = new LongAdder();
    private static volatile long sink;

    private ReadAhead() {
    }

    /**
     * Starts reading {@code batch[from, to)} of {@code shard} in; nothing for a shard in memory, or
     * when the system property {@value #OFF} is {@code false} (for {@code bench/shards}, which
     * measures what reading ahead hides).
     */
    public static Future<?> start(Shard shard, int[] batch, int from, int to) {
        if (!shard.samples().onDisk() || from == to || !Boolean.parseBoolean(System.getProperty(OFF, "true"))) {
            return null;
        }
        return THREAD.submit(() -> {
            long begin = System.nanoTime();
            sink += shard.readAhead(batch, from, to);
            AHEAD_NANOS.add(System.nanoTime() - begin);
        });
    }

    /** Gathers as {@link Shard#gather}, timing it when the shard is on disk. */
    public static void gather(Shard shard, int[] batch, int from, int to, float[] images, int[] labels) {
        if (!shard.samples().onDisk()) {
            shard.gather(batch, from, to, images, labels);
            return;
        }
        long begin = System.nanoTime();
        shard.gather(batch, from, to, images, labels);
        GATHER_NANOS.add(System.nanoTime() - begin);
    }

    /** Nanoseconds this JVM spent reading ahead, and steps spent gathering from disk, since it started. */
    public static long[] nanos() {
        return new long[] {AHEAD_NANOS.sum(), GATHER_NANOS.sum()};
    }
}
