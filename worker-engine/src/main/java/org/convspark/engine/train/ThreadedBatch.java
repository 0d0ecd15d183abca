package org.convspark.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.layers.StatisticsSync;
import org.convspark.engine.model.GradientReady;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.model.Network;

/**
 * One batch's forward and backward split over {@code threads} threads: the batch is cut into
 * {@code threads} contiguous runs of (nearly) equal size, each run goes through its own {@link
 * Network} (a network holds its layers' workspaces and is not thread-safe), and the runs' gradient
 * sums are added into the caller's array in run order, run 0 first. The calling thread computes
 * run 0 itself, so {@code threads - 1} helper threads exist.
 *
 * <p>Why a fixed order: for a given thread count the result is then the same on every call, and
 * across thread counts it differs only by float rounding (the split points move), which the
 * tests bound. Dropout masks follow {@code firstSampleIndex + position}, so they do not depend
 * on the split at all.
 *
 * <p>Native BLAS must run single-threaded meanwhile ({@code OPENBLAS_NUM_THREADS=1}, what the
 * scripts set): threaded OpenBLAS under these threads oversubscribes the cores.
 *
 * <p>Helper threads are daemons that end after {@link #IDLE_SECONDS} idle, so an instance that
 * is simply dropped (an executor thread's context replaced) leaks nothing for long; {@link
 * #close()} ends them at once.
 */
public final class ThreadedBatch implements AutoCloseable {
    /** How long an idle helper thread waits for work before it ends. */
    static final int IDLE_SECONDS = 30;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Network[] networks;
    private final float[][] partialGradients;
    private final ThreadPoolExecutor helpers;

    public ThreadedBatch(ModelSpec spec, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.networks = new Network[threads];
        this.partialGradients = new float[threads][];
        for (int t = 0; t < threads; t++) {
            networks[t] = new Network(spec);
        }
        if (threads == 1) {
            this.helpers = null;
        } else {
            int pool = POOLS.incrementAndGet();
            AtomicInteger made = new AtomicInteger();
            this.helpers = new ThreadPoolExecutor(threads - 1, threads - 1, IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "convspark-engine-" + pool + "-" + made.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            helpers.allowCoreThreadTimeOut(true);
        }
    }

    public int threads() {
        return networks.length;
    }

    /** Thread 0's network (the caller's): for evaluation, shapes and parameter counts. */
    public Network network() {
        return networks[0];
    }

    /**
     * {@link Network#trainBatch} over the threads: ADDS the gradient sum of the {@code count}
     * samples into {@code gradSum} and returns the loss and hit sums.
     */
    public BatchResult trainBatch(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                  int count, float[] gradSum, long seed, long firstSampleIndex) {
        return trainBatch(params, images, imageOffset, labels, labelOffset, count, gradSum, seed, firstSampleIndex,
                GradientReady.NONE);
    }

    /**
     * As above, telling {@code ready} from where the gradient sum is final: layer by layer during
     * backward on one thread; with several, only at the end (the runs' sums are added last).
     */
    public BatchResult trainBatch(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                  int count, float[] gradSum, long seed, long firstSampleIndex, GradientReady ready) {
        return trainBatch(params, images, imageOffset, labels, labelOffset, count, gradSum, seed, firstSampleIndex,
                StatisticsSync.NONE, ready);
    }

    /**
     * As above, for one part of a step's batch split over partitions: batch norm statistics are
     * summed over the runs here, then through {@code sync} over the partitions (see {@link
     * Network#trainBatch(float[], float[], int, int[], int, int, float[], long, long, StatisticsSync,
     * GradientReady)}; a partition without samples calls this too).
     */
    public BatchResult trainBatch(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                  int count, float[] gradSum, long seed, long firstSampleIndex, StatisticsSync sync,
                                  GradientReady ready) {
        int inputSize = networks[0].spec().input().size();
        int runs = runs(count);
        RunStatistics statistics = runs == 1 ? null : new RunStatistics(runs, sync);
        BatchResult total = split(count, runs, statistics, (t, from, n) -> networks[t].trainBatch(params, images,
                imageOffset + from * inputSize, labels, labelOffset + from, n,
                t == 0 ? gradSum : partialGradient(t, gradSum.length), seed, firstSampleIndex + from,
                statistics == null ? sync : statistics.forRun(t), runs == 1 ? ready : GradientReady.NONE));
        for (int t = 1; t < runs; t++) {
            float[] partial = partialGradients[t];
            for (int i = 0; i < gradSum.length; i++) {
                gradSum[i] += partial[i];
            }
        }
        if (runs > 1) {
            ready.finalFrom(0);
        }
        return total;
    }

    /**
     * Runs up to {@code rounds} training passes and one evaluation over {@code samples} synthetic
     * samples (fixed pseudo-random pixels in [0, 1), labels cycling over the classes) with the
     * model's initial parameters, into scratch arrays: the JIT compiles the kernels every layer
     * runs before the first real step, whose time then measures training, not compilation (the
     * first epoch of the README's LeNet-5 run took 5x the second without it). After three passes
     * it stops once {@code maxNanos} have gone: a large model's kernels are compiled within its
     * first passes, which take long enough on their own. Touches no caller state; allocates its
     * scratch arrays once per call.
     *
     * @return the passes run
     */
    public int warmUp(int rounds, int samples, long maxNanos) {
        Network network = networks[0];
        int inputSize = network.spec().input().size();
        float[] params = network.initialParameters(1);
        float[] images = new float[samples * inputSize];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rng.nextDouble();
        }
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % network.numClasses();
        }
        float[] gradSum = new float[params.length];
        long start = System.nanoTime();
        int r = 0;
        while (r < rounds && (r < 3 || System.nanoTime() - start < maxNanos)) {
            trainBatch(params, images, 0, labels, 0, samples, gradSum, 1, 0);
            r++;
        }
        evaluate(params, images, 0, labels, 0, samples);
        return r;
    }

    /** Loss and hit sums of {@code count} samples in evaluation mode, over the threads. */
    public BatchResult evaluate(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                int count) {
        int inputSize = networks[0].spec().input().size();
        return split(count, runs(count), null, (t, from, n) -> networks[t].evaluate(params, images,
                imageOffset + from * inputSize, labels, labelOffset + from, n));
    }

    /** One thread's contiguous run of a batch. */
    @FunctionalInterface
    private interface Run {
        BatchResult apply(int thread, int from, int count);
    }

    private int runs(int count) {
        return Math.max(1, Math.min(networks.length, count));
    }

    /**
     * Runs 1.. on the helpers, run 0 here; the results summed in run order. A failing run ends
     * the others' statistics waits ({@code statistics}, null without), and the failure reported
     * is the first run's that did not merely stop for another's.
     */
    private BatchResult split(int count, int runs, RunStatistics statistics, Run run) {
        if (runs == 1) {
            return run.apply(0, 0, count);
        }
        Run guarded = statistics == null ? run : (t, from, n) -> {
            try {
                return run.apply(t, from, n);
            } catch (RuntimeException | Error e) {
                statistics.abort();
                throw e;
            }
        };
        List<Future<BatchResult>> others = new ArrayList<>();
        for (int t = 1; t < runs; t++) {
            int thread = t;
            int from = EvenSplit.start(count, runs, t);
            int n = EvenSplit.start(count, runs, t + 1) - from;
            others.add(helpers.submit(() -> guarded.apply(thread, from, n)));
        }
        BatchResult total;
        try {
            total = guarded.apply(0, 0, EvenSplit.start(count, runs, 1));
        } catch (RunStatistics.Aborted e) {
            awaitQuietly(others);
            for (Future<BatchResult> other : others) {
                try {
                    other.get();
                } catch (ExecutionException failed) {
                    if (!(failed.getCause() instanceof RunStatistics.Aborted)) {
                        await(other);
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw e;
        } catch (RuntimeException | Error e) {
            // Not cancelled: a cancelled future's get returns while its run may still use its network,
            // which the next batch would then share; the others finish their slices first.
            awaitQuietly(others);
            throw e;
        }
        try {
            for (Future<BatchResult> other : others) {
                total = total.plus(await(other));
            }
        } catch (RuntimeException | Error e) {
            awaitQuietly(others);
            throw e;
        }
        return total;
    }

    private float[] partialGradient(int t, int length) {
        float[] partial = partialGradients[t];
        if (partial == null || partial.length != length) {
            partial = new float[length];
            partialGradients[t] = partial;
        } else {
            Arrays.fill(partial, 0f);
        }
        return partial;
    }

    private static BatchResult await(Future<BatchResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an engine thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("engine thread failed", cause);
        }
    }

    /** Waits for runs still going before their workspaces can be reused (after a failure). */
    private static void awaitQuietly(List<Future<BatchResult>> futures) {
        for (Future<BatchResult> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
                // the first failure is the one reported
            }
        }
    }

    /** Ends the helper threads now (they would end by themselves after {@link #IDLE_SECONDS} idle). */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    @Override
    public String toString() {
        return networks.length + " engine thread" + (networks.length == 1 ? "" : "s");
    }
}
