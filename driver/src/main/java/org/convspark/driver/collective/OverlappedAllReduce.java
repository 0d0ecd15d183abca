package org.convspark.driver.collective;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.convspark.engine.model.GradientReady;

/**
 * The scatter algorithm bucket by bucket, while backward still computes the earlier layers'
 * gradients (PyTorch DDP's gradient buckets): the engine says from where the gradient sum is final
 * ({@link GradientReady}), each bucket whose parameters all are goes to this task's communication
 * thread, which all-reduces the buckets one after the other, last layers first, in the same order
 * in every task. Each element is still the sum of the P partials in partition order in double
 * divided by the batch's samples, so the mean is bit-identical to {@link ScatterAllReduce}'s over
 * the whole vector; only when it is computed changes. The step's totals (loss, hits, engine
 * time), known only when backward ends, follow in a last, vector-free exchange.
 *
 * <p>Buckets: layer boundaries from the last layer down, closed once they hold {@code minFloats}
 * parameters, so all tasks cut the same buckets from the same model.
 *
 * <p>Between {@link #begin} and {@link #finish} the communication thread owns the task's {@link
 * PeerGroup} (which is not thread-safe): the task thread only computes.
 */
public final class OverlappedAllReduce implements AutoCloseable {
    /** How long closing waits for the communication thread (its waits poll the kill flag every 50 ms). */
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** Buckets all-reduced in this JVM: how a local-mode test tells the overlapped path was taken. */
    private static final AtomicLong BUCKETS_REDUCED = new AtomicLong();
    private final ScatterAllReduce scatter;
    private final Collective totalsOnly;
    private final int parameters;
    /** Bucket b is [starts[b], b == 0 ? parameters : starts[b - 1]): descending starts. */
    private final int[] starts;
    private final ExecutorService thread;
    private final List<Future<?>> pending = new ArrayList<>();
    private int step;
    private float[] partial;
    private float[] mean;
    private StepTotals samples;
    private int submitted;

    public OverlappedAllReduce(PeerGroup group, int parameters, int[] starts) {
        this.scatter = new ScatterAllReduce(group, parameters);
        this.totalsOnly = new TreeAllReduce(group, 0);
        this.parameters = parameters;
        this.starts = starts.clone();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                Inbox.neverSpinOnThisThread();
                r.run();
            }, "convspark-collective-buckets-" + group.partition());
            t.setDaemon(true);
            return t;
        });
    }

    /** Buckets all-reduced by every task of this JVM so far (one atomic add a bucket: noise beside its exchange). */
    public static long bucketsReduced() {
        return BUCKETS_REDUCED.get();
    }

    /**
     * The buckets of a model whose layers' parameters start at {@code layerOffsets}: descending
     * bucket starts, each bucket at least {@code minFloats} parameters but the first layer's.
     */
    public static int[] buckets(int[] layerOffsets, int parameters, int minFloats) {
        List<Integer> starts = new ArrayList<>();
        int end = parameters;
        for (int i = layerOffsets.length - 1; i >= 0; i--) {
            if (layerOffsets[i] < end && (end - layerOffsets[i] >= minFloats || layerOffsets[i] == 0)) {
                starts.add(layerOffsets[i]);
                end = layerOffsets[i];
            }
        }
        if (end > 0) {
            starts.add(0);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Starts step {@code step} of the round: {@code partial} is where the engine sums this task's
     * gradient, {@code mean} where the mean lands (the same two arrays every step, as {@link
     * Collective#allReduce} requires), {@code ownSamples} this task's share of the batch. The
     * returned listener goes to the engine.
     */
    public GradientReady begin(int step, float[] partial, float[] mean, int ownSamples) {
        this.step = step;
        this.partial = partial;
        this.mean = mean;
        this.samples = new StepTotals(0, 0, ownSamples, 0, 0);
        this.submitted = 0;
        pending.clear();
        return this::finalFrom;
    }

    private void finalFrom(int from) {
        while (submitted < starts.length && starts[submitted] >= from) {
            int b = submitted++;
            int lo = starts[b];
            int hi = b == 0 ? parameters : starts[b - 1];
            int key = key(step, b);
            float[] p = partial;
            float[] m = mean;
            StepTotals s = samples;
            pending.add(thread.submit(() -> {
                scatter.reduce(key, p, s, m, lo, hi);
                BUCKETS_REDUCED.incrementAndGet();
                return null;
            }));
        }
    }

    /** Waits for every bucket, then sums the step's totals ({@code own}: this task's) over the tasks. */
    public StepTotals finish(StepTotals own) throws IOException {
        finalFrom(0);
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the buckets were all-reduced", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException("a bucket's all-reduce failed", e.getCause());
            }
        }
        return totalsOnly.allReduce(key(step, starts.length), new float[0], own, new float[0]);
    }

    /** A message key per (step, bucket), the totals after the last bucket: distinct for every exchange. */
    private int key(int step, int bucket) {
        return Math.addExact(Math.multiplyExact(step, starts.length + 1), bucket);
    }

    /**
     * Stops the communication thread, waiting briefly for it: after a failed step it may still be in
     * a bucket, reading the task's gradient array, which the task's next round reuses.
     */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
