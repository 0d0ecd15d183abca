package org.convspark.engine.train;

import org.convspark.engine.layers.StatisticsSync;

/**
 * The statistics sums of one batch split over {@link ThreadedBatch}'s runs: each run hands its
 * values over, run 0 adds them in run order (in double), passes the total to the {@code outer}
 * sync (the other partitions of a distributed step) and every run copies the result back. Two
 * barrier waits a sum: the first, until every run has handed its values over; the second, until
 * run 0 has the total (the next sum's first wait keeps run 0 from overwriting the total before
 * every run has copied it). The barrier is a monitor of its own rather than a {@code
 * CyclicBarrier}, whose {@code reset} leaves a run that arrives after another's failure waiting
 * forever: here a failure ends every wait, present and future, of this batch.
 */
final class RunStatistics {
    /** A run's wait ended because another run failed; that run's failure is the one to report. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("another engine thread of this batch failed");
        }
    }

    /**
     * How long a run that arrives first spins before it sleeps on the monitor: ResNet-20 meets
     * here twice per batch norm layer each way (76 waits a step), and a sleep and wake-up through
     * the kernel cost more than the wait itself. ResNet-20 at 1x28x28, batch 128, 2 engine
     * threads, alternating runs: 125.6-141.3 ms a step spinning up to 50 us against 145.8-157.3
     * sleeping at once, and less CPU time too (230-248 ms against 254-265). On a machine whose two
     * vCPUs are one core's hyperthreads (Intel, AVX-512; two 1-thread sgemms at 118 GFLOP/s each,
     * one alone at 245), the imbalances between the runs outlast 50 us: 295 and 296 ms a step
     * spinning up to 2 ms, 326 and 331 at 50 us, 328 and 614 sleeping at once (two rounds,
     * alternating). 2 ms is also what the collective's {@code Inbox} spins for a partner task in
     * its JVM. Bounded, so that a run does not hold its core long from another that has not
     * arrived because it has none (the engine's threads are the task's own cores: {@code
     * spark.task.cpus} by default). {@code -Dconvspark.engine.spinNanos=N} changes it (0: sleep
     * at once).
     */
    static final long SPIN_NANOS = Long.getLong("convspark.engine.spinNanos", 2_000_000L);

    private final StatisticsSync outer;
    private final double[][] parts;
    private double[] total = new double[0];
    private int arrived;
    private volatile long generation;
    private volatile boolean aborted;

    RunStatistics(int runs, StatisticsSync outer) {
        this.outer = outer;
        this.parts = new double[runs][];
    }

    /** Run {@code run}'s sync. */
    StatisticsSync forRun(int run) {
        return (values, length) -> sum(run, values, length);
    }

    /** Ends every wait with {@link Aborted}: a run failed and will not come to the next wait. */
    synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    private void sum(int run, double[] values, int length) {
        parts[run] = values;
        await();
        if (run == 0) {
            if (total.length < length) {
                total = new double[length];
            }
            System.arraycopy(values, 0, total, 0, length);
            for (int r = 1; r < parts.length; r++) {
                double[] part = parts[r];
                for (int i = 0; i < length; i++) {
                    total[i] += part[i];
                }
            }
            outer.sum(total, length);
        }
        await();
        System.arraycopy(total, 0, values, 0, length);
    }

    /**
     * Waits until every run has arrived; the monitor's release and acquire (or the volatile
     * generation, for a run that saw it change while spinning) publish what runs wrote before.
     * A run that arrives early spins for up to {@link #SPIN_NANOS} before it sleeps on the monitor.
     */
    private void await() {
        long arrival;
        synchronized (this) {
            arrival = generation;
            if (!aborted && ++arrived == parts.length) {
                arrived = 0;
                generation = arrival + 1;
                notifyAll();
                return;
            }
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (generation == arrival && !aborted && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        synchronized (this) {
            while (arrival == generation && !aborted) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abort();
                }
            }
            if (arrival == generation) {
                throw new Aborted();
            }
        }
    }
}
