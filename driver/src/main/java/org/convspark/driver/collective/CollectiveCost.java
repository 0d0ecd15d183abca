package org.convspark.driver.collective;

/**
 * What one step's all-reduce costs, as a model: the traffic each algorithm creates (hops on its
 * critical path; messages and bytes, sent plus received, of the busiest task and of all tasks
 * together) and the time that traffic takes at given costs per hop, message and byte:
 *
 * <pre>
 * M = max(messages, totalMessages / cores),  B = max(criticalBytes, totalBytes / cores)
 * t = alpha hops + alpha_m M max(1, P / cores) + beta_1 min(B, M piece) + beta_2 (B - min(B, M piece))
 * </pre>
 *
 * {@code cores} is how many cores the tasks' work on messages and bytes shares: unlimited on a
 * cluster with an executor per machine (each task's transfers run on its own cores and link), the
 * machine's cores when several executors share one ({@code local-cluster}); there a message also
 * waits for its receiver's JVM to get a core, so its cost grows with the tasks per core. A
 * message's first piece ({@link PeerMessage#PIECE_BYTES}) is sent, received and added one stage
 * after the other ({@code beta_1}); the pieces behind it overlap those stages ({@code beta_2},
 * cheaper). The tree path (a Spark job per step) has its own form,
 * {@code t = a + b P max(1, P / cores) + beta driverBytes}: a job's scheduling work grows with
 * its tasks, and the driver receives every leaf's aggregate and serves the broadcast.
 * {@code docs/SCALING.md} fits the constants on {@code bench/allreduce}'s measurements and checks
 * the predictions on held-out ones; {@code convspark plan} uses them.
 */
public record CollectiveCost(double hopSeconds, double messageSeconds, double byteSeconds,
                             double pipelinedByteSeconds) {
    /**
     * The collective's software costs as {@code bench/allreduce} measured them (executor JVMs on a
     * 2-core AMD Zen 5 machine, over loopback; fitted on 10^4 and 10^7 floats, docs/SCALING.md): what
     * a hop, a message and a byte cost the transport and the tasks before any network's share.
     */
    public static final CollectiveCost MEASURED = new CollectiveCost(103.3e-6, 81.2e-6, 1.545e-9, 0.748e-9);

    /** One step's traffic among {@code tasks} tasks (messages and bytes as sent plus received). */
    public record Traffic(int tasks, int hops, int messages, long totalMessages, double criticalBytes,
                          double totalBytes) {
    }

    /** The traffic of {@code algorithm} (resolved for n) among {@code p} tasks all-reducing {@code n} floats. */
    public static Traffic traffic(Collective.Algorithm algorithm, int p, long n) {
        if (p < 1 || n < 0) {
            throw new IllegalArgumentException("traffic of " + n + " floats among " + p + " tasks");
        }
        if (p == 1) {
            return new Traffic(1, 0, 0, 0, 0, 0);
        }
        return switch (algorithm.resolve((int) Math.min(Integer.MAX_VALUE, n))) {
            // Each task sends each owner its slice and gets its mean slice back: 4n (P-1)/P each way, twice.
            case SCATTER -> new Traffic(p, 2, 4 * (p - 1), 4L * p * (p - 1), 16.0 * n * (p - 1) / p,
                    16.0 * n * (p - 1));
            // Partition 0 takes a subtree's doubles from each of its ceil(log2 P) children and sends them the mean.
            case TREE -> {
                int levels = levels(p);
                yield new Traffic(p, 2 * levels, 2 * levels, 4 * (p - 1), 12.0 * n * levels, 24.0 * n * (p - 1));
            }
            // The hub takes every partial and sends every mean.
            case STAR -> new Traffic(p, 2, 2 * (p - 1), 4 * (p - 1), 8.0 * n * (p - 1), 16.0 * n * (p - 1));
            case AUTO -> throw new IllegalStateException("AUTO resolves to an algorithm");
        };
    }

    /** ceil(log2 p): the binomial tree's depth. */
    static int levels(int p) {
        return 32 - Integer.numberOfLeadingZeros(p - 1);
    }

    /**
     * The model's terms for {@code t} on {@code cores} shared cores, in the order of the constants:
     * hops, messages (stretched by the tasks per core), first-piece bytes, pipelined bytes.
     */
    public static double[] terms(Traffic t, double cores) {
        double messages = Math.max(t.messages(), (double) t.totalMessages() / cores);
        double bytes = Math.max(t.criticalBytes(), t.totalBytes() / cores);
        double first = Math.min(bytes, messages * PeerMessage.PIECE_BYTES);
        return new double[] {t.hops(), messages * Math.max(1, t.tasks() / cores), first, bytes - first};
    }

    /** Seconds of one step's all-reduce with this model's costs; {@code cores}: how many cores the work shares. */
    public double seconds(Traffic t, double cores) {
        double[] x = terms(t, cores);
        return hopSeconds * x[0] + messageSeconds * x[1] + byteSeconds * x[2] + pipelinedByteSeconds * x[3];
    }

    /** The same costs with {@code seconds} more per hop and {@code perByte} more per byte (a network's share). */
    public CollectiveCost plus(double seconds, double perByte) {
        return new CollectiveCost(hopSeconds + seconds, messageSeconds, byteSeconds + perByte,
                pipelinedByteSeconds + perByte);
    }

    /**
     * Bytes the driver receives plus sends per step on the tree path ({@code treeAggregate} of depth
     * 2, as the trainer's default): the aggregates of the partitions left after Spark's
     * intermediate levels (a single partition's gradient sum is a float vector, 4n bytes; a merged
     * one travels in double, 8n) and one copy of the broadcast parameters.
     */
    public static double treeAggregateDriverBytes(int p, long n) {
        // Spark's RDD.treeAggregate: the partition count shrinks by scale while that saves work.
        int scale = Math.max((int) Math.ceil(Math.pow(p, 1.0 / 2)), 2);
        int partitions = p;
        boolean merged = false;
        while (partitions > scale + Math.ceil((double) partitions / scale)) {
            partitions /= scale;
            merged = true;
        }
        return (merged ? 8.0 : 4.0) * n * partitions + 4.0 * n;
    }
}
