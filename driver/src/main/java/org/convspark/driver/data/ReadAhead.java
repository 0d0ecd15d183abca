package org.convspark.driver.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the next step's samples of an on-disk shard while the current step computes, on one
 * daemon thread per executor JVM, so that the step after finds them in the operating system's
 * page cache: a step's batch is a pure function of (seed, epoch, step), so the next one is known.
 * It only brings data in; it never changes what a step reads. At most one request per core waits
 * (a step's tasks each ask once; the oldest is dropped: on a disk slower than the steps, reading
 * stale batches would only push out useful pages). Counts, for the benchmark, the time spent reading ahead and the time steps spent
 * gathering from disk.
 */
public final class ReadAhead {
    private static final ExecutorService THREAD = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(Math.max(2, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "convspark-read-ahead");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());
    /** The system property that turns reading ahead off ({@code false}). */
    public static final String OFF = "convspark.readAhead";
    private static final LongAdder AHEAD_NANOS = new LongAdder();
    private static final LongAdder GATHER_NANOS = new LongAdder();

    private ReadAhead() {
    }

    /**
     * Starts reading {@code batch[from, to)} of {@code shard} in; nothing for a shard in memory, or
     * when the system property {@value #OFF} is {@code false} (for {@code bench/shards}, which
     * measures what reading ahead hides).
     */
    public static void start(Shard shard, int[] batch, int from, int to) {
        if (!shard.samples().onDisk() || from == to || !Boolean.parseBoolean(System.getProperty(OFF, "true"))) {
            return;
        }
        THREAD.execute(() -> {
            long begin = System.nanoTime();
            shard.readAhead(batch, from, to);
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
