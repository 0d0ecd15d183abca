package org.convspark.driver.round;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.broadcast.Broadcast;
import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.collective.OverlappedAllReduce;
import org.convspark.driver.collective.PeerGroup;
import org.convspark.driver.collective.StatisticsAllReduce;
import org.convspark.driver.collective.StepTotals;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.Shard;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.layers.StatisticsSync;
import org.convspark.engine.model.GradientReady;
import org.convspark.engine.optim.Optimizer;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The task body of {@code AllReduce.BARRIER}: {@code steps} exact synchronous steps in one barrier
 * job. Each task starts from the broadcast parameters and optimizer state, joins the round through
 * the driver's {@link org.convspark.driver.collective.RoundCoordinator} and, at every step,
 * all-reduces the gradient sum of its
 * shard's share of the global batch with the round's other tasks ({@link Collective}: the mean over
 * all partitions, summed in partition order in double precision and divided by the batch size, as
 * the driver does after a {@code treeAggregate}), then steps its own optimizer. Every task applies
 * the same numbers the same way, so all hold the same parameters after every step; no gradient
 * passes through the driver, and no Spark job, broadcast or task launch happens between steps.
 *
 * <p>Barrier mode is what makes this safe: Spark starts all P tasks at once or not at all, and
 * the driver reruns the round when one fails (a new coordinator and token: the failed attempt's
 * stragglers are refused). Every
 * decision that ends a round early (a non-finite mean gradient or loss, a batch the partitions did
 * not cover) is taken on the all-reduced values, which all tasks share, so all stop at the same
 * step. The steps are pure functions of (parameters, seed, step): a rerun computes the same thing.
 */
public final class BarrierRound extends AbstractFunction1<Iterator<Shard[]>, Iterator<RoundResult>> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Overlapped buckets: about this many per model, and never smaller than the next constant. */
    private static final int BUCKETS = 8;
    private static final int BUCKET_MIN_FLOATS = 65_536;

    private final WorkerSpec worker;
    private final Broadcast<float[][]> start;
    private final BatchSchedule schedule;
    private final long firstStep;
    private final int steps;
    private final long totalSteps;
    private final boolean reportEpochs;
    private final OptimizerSettings optimizer;
    private final FaultInjection fault;
    private final CollectiveSettings collective;
    private final String coordinatorHost;
    private final int coordinatorPort;
    private final long token;
    private final int attempt;
    private final RoundWarmUp warmUp;

    /**
     * {@code attempt}: how many times the driver ran this round before (it reruns a failed one);
     * {@code reportEpochs}: partition 0 reports every epoch's end (of a run of {@code totalSteps}),
     * after the tasks evaluated their test shards when they hold one; {@code warmUp}: the warm-up
     * before the first step, or null for none.
     */
    public BarrierRound(WorkerSpec worker, Broadcast<float[][]> start, BatchSchedule schedule, long firstStep, int steps,
                 long totalSteps, boolean reportEpochs, OptimizerSettings optimizer, FaultInjection fault,
                 CollectiveSettings collective, String coordinatorHost, int coordinatorPort, long token, int attempt,
                 RoundWarmUp warmUp) {
        this.worker = worker;
        this.start = start;
        this.schedule = schedule;
        this.firstStep = firstStep;
        this.steps = steps;
        this.totalSteps = totalSteps;
        this.reportEpochs = reportEpochs;
        this.optimizer = optimizer;
        this.fault = fault;
        this.collective = collective;
        this.coordinatorHost = coordinatorHost;
        this.coordinatorPort = coordinatorPort;
        this.token = token;
        this.attempt = attempt;
        this.warmUp = warmUp;
    }

    @Override
    public Iterator<RoundResult> apply(Iterator<Shard[]> partition) {
        BarrierTaskContext task = BarrierTaskContext.get();
        Shard[] shards = onlyShards(partition, task.partitionId());
        if (fault != null) {
            fault.beforeJoin(attempt);
        }
        try (PeerGroup group = PeerGroup.joinFromTask(task, collective, coordinatorHost, coordinatorPort, token)) {
            RoundResult result = run(shards[0], shards.length > 1 ? shards[1] : null, group);
            group.finish();
            return CollectionConverters.asScala(task.partitionId() == 0 ? List.of(result).iterator()
                    : Collections.<RoundResult>emptyIterator());
        } catch (IOException e) {
            if (task.isInterrupted()) {
                throw new TaskKilledException("killed while in the round's collective");
            }
            throw new UncheckedIOException("barrier round from step " + firstStep + ", partition "
                    + task.partitionId() + ": " + e.getMessage(), e);
        }
    }

    private RoundResult run(Shard shard, Shard test, PeerGroup group) throws IOException {
        WorkerContext context = WorkerContext.forSpec(worker);
        int n = context.network().parameterCount();
        Collective allReduce = Collective.choose(collective.algorithm(), n, group);
        Collective totalsOnly = Collective.choose(Collective.Algorithm.TREE, 0, group);
        float[] mean = new float[n];
        StatisticsAllReduce statistics = new StatisticsAllReduce(group);
        StepClock clock = new StepClock();
        if (warmUp != null) {
            warmUp(context, shard, test, group, allReduce, totalsOnly, statistics, mean, clock);
        }
        // After the warm-up, whose copies are garbage by now: one set of parameters and state at a time.
        float[] params = RoundStart.params(start.value());
        Optimizer local = context.network().optimizer(RoundStart.optimizer(start.value(), optimizer));
        StepAggregate[] taken = new StepAggregate[steps];
        try (OverlappedAllReduce overlapped = overlaps(context, n, group)) {
            return steps(context, shard, test, group, allReduce, totalsOnly, overlapped, statistics, params, local,
                    mean, taken, clock);
        }
    }

    /**
     * {@link RoundWarmUp}: engine passes on synthetic samples, then steps from the round's start
     * parameters and optimizer state, on copies, over the round's first batches. Every task stops
     * after the same step: it decides on all-reduced values (the slowest task's time since the
     * warm-up began, a non-finite mean). Partition 0 then tells the driver, whose clock for the
     * first epoch starts there. The overlapped all-reduce, when on, is not warmed.
     */
    private void warmUp(WorkerContext context, Shard shard, Shard test, PeerGroup group, Collective allReduce,
                        Collective totalsOnly, StatisticsAllReduce statistics, float[] mean, StepClock clock)
            throws IOException {
        int passes = warmUp.passes() == 0 ? 0 : context.warmUp(warmUp.passes(), warmUp.samples(), warmUp.maxNanos());
        float[] params = RoundStart.params(start.value());
        Optimizer scratch = context.network().optimizer(RoundStart.optimizer(start.value(), optimizer));
        long span = totalSteps - firstStep;
        long spent = 0;
        int k = 0;
        clock.warmUpBegan = System.nanoTime();
        while (warmUp.another(k, spent)) {
            long step = firstStep + k % span;
            StepTotals totals = trainAndAllReduce(context, shard, step, RoundWarmUp.KEYS + k, params, statistics,
                    allReduce, mean, true, clock);
            schedule.checkCovered(step, totals.count());
            spent = totals.maxComputeNanos(); // see trainAndAllReduce: the slowest task's time so far
            k++;
            if (!finite(mean)) {
                break; // diverged copies warm nothing more (every task sees the same mean and stops here)
            }
            scratch.step(params, mean, step);
        }
        // Two slices compile the evaluation's path; the whole test shard would cost an epoch's evaluation.
        evaluate(context, test, params, totalsOnly, RoundWarmUp.KEYS + k, group.size(), 2);
        if (group.partition() == 0) {
            group.warmedUp(passes, k);
        }
    }

    /** When this task's compute of the current step began and ended, and its warm-up began ({@link System#nanoTime}). */
    private static final class StepClock {
        long begin;
        long computed;
        long warmUpBegan;

        long computeNanos() {
            return computed - begin;
        }
    }

    /**
     * Step {@code step}'s compute and its all-reduce under message key {@code key}, without overlap:
     * the totals over every partition, the mean gradient in {@code mean}. The round's steps and its
     * warm-up's take this one path, so the warm-up compiles what the steps run. A warm-up step
     * ({@code warmUpStep}) is not counted as the engine's training work, and its totals carry the
     * task's time since the warm-up began instead of the step's compute: their maximum, the same in
     * every task, is what ends the warm-up (compute and communication both).
     */
    private StepTotals trainAndAllReduce(WorkerContext context, Shard shard, long step, int key, float[] params,
                                         StatisticsAllReduce statistics, Collective allReduce, float[] mean,
                                         boolean warmUpStep, StepClock clock) throws IOException {
        StatisticsSync sync = statistics.forStep(key);
        clock.begin = System.nanoTime();
        BatchResult result = warmUpStep ? context.trainWarmUp(shard, schedule, step, params, sync)
                : context.trainShare(shard, schedule, step, params, sync, GradientReady.NONE);
        clock.computed = System.nanoTime();
        long nanos = warmUpStep ? clock.computed - clock.warmUpBegan : clock.computeNanos();
        return allReduce.allReduce(key, context.gradient(), StepTotals.of(result, nanos), mean);
    }

    /**
     * The bucketed all-reduce when the settings ask for it and it can overlap: with the scatter
     * algorithm (the tree's messages are few and small), one engine thread (with several, the
     * threads' sums are added only at the end of backward) and two buckets or more (one is sent
     * when backward ends: nothing to overlap).
     */
    private OverlappedAllReduce overlaps(WorkerContext context, int n, PeerGroup group) {
        if (!collective.overlap() || worker.threads() != 1 || group.size() < 2
                || collective.algorithm().resolve(n) != Collective.Algorithm.SCATTER) {
            return null;
        }
        int[] buckets = OverlappedAllReduce.buckets(context.network().parameterOffsets(), n,
                Math.max(BUCKET_MIN_FLOATS, n / BUCKETS));
        return buckets.length < 2 ? null : new OverlappedAllReduce(group, n, buckets);
    }

    private RoundResult steps(WorkerContext context, Shard shard, Shard test, PeerGroup group, Collective allReduce,
                              Collective totalsOnly, OverlappedAllReduce overlapped, StatisticsAllReduce statistics,
                              float[] params, Optimizer local, float[] mean, StepAggregate[] taken, StepClock clock)
            throws IOException {
        for (int i = 0; i < steps; i++) {
            long step = firstStep + i;
            if (fault != null) {
                fault.applyInRound(step, attempt);
            }
            StepTotals totals;
            if (overlapped != null) {
                GradientReady ready = overlapped.begin(i, context.gradient(), mean,
                        WorkerContext.shareOf(shard, schedule, step));
                clock.begin = System.nanoTime();
                BatchResult result = context.trainShare(shard, schedule, step, params, statistics.forStep(i), ready);
                clock.computed = System.nanoTime();
                totals = overlapped.finish(StepTotals.of(result, clock.computeNanos()));
            } else {
                totals = trainAndAllReduce(context, shard, step, i, params, statistics, allReduce, mean, false, clock);
            }
            if (group.partition() == 0) {
                // The wait beyond the slowest partition's compute (which the step's compute time already
                // counts): what the collective itself cost after the compute, never negative.
                long straggler = totals.maxComputeNanos() - clock.computeNanos();
                group.progress(i, totals, Math.max(0, System.nanoTime() - clock.computed - straggler));
            }
            schedule.checkCovered(step, totals.count());
            if (!finite(mean) || !Double.isFinite(totals.lossSum())) {
                return new RoundResult(Arrays.copyOf(taken, i), params, local.state(), step, mean.clone(),
                        totals.lossSum());
            }
            local.step(params, mean, step);
            taken[i] = StepAggregate.of(totals);
            if (reportEpochs && ((step + 1) % schedule.stepsPerEpoch() == 0 || step + 1 == totalSteps)) {
                StepTotals tested = evaluate(context, test, params, totalsOnly, -1 - i, group.size(),
                        Integer.MAX_VALUE);
                if (group.partition() == 0) {
                    group.epochEnded(i, tested);
                }
            }
        }
        return new RoundResult(taken, params, local.state(), -1, null, 0);
    }

    /**
     * The test totals of every partition's test shard under {@code params}, the same in every task
     * ({@code computeNanos}: the evaluation's time), exchanged under {@code key}: after step {@code
     * index}, the negative {@code -1 - index}, apart from the training steps' messages. Over the
     * shard's first {@code maxSlices} slices at most (the warm-up's).
     */
    private StepTotals evaluate(WorkerContext context, Shard test, float[] params, Collective totalsOnly, int key,
                                int size, int maxSlices) throws IOException {
        long begin = System.nanoTime();
        // In slices of the task's training share: the engine's buffers already fit them, where one call
        // over the whole shard would grow them to the engine's 8M-float chunks, humongous arrays whose
        // collection then competes with the next epoch's steps.
        int slice = Math.max(1, (schedule.globalBatch() + size - 1) / size);
        BatchResult result = test == null ? BatchResult.ZERO : context.evaluate(params, test, slice, maxSlices);
        return totalsOnly.allReduce(key, new float[0], StepTotals.of(result, System.nanoTime() - begin),
                new float[0]);
    }

    /**
     * The partition's training shard and, when the round evaluates, its test shard: {@link
     * ShardedDataset} packs exactly one per partition. Summing several here would add their
     * gradients in float where a {@code treeAggregate} adds each in double, so more than one is
     * refused rather than summed differently.
     */
    private static Shard[] onlyShards(Iterator<Shard[]> partition, int id) {
        List<Shard[]> shards = CollectionConverters.asJava(partition.toSeq());
        if (shards.size() != 1) {
            throw new IllegalStateException("barrier round: partition " + id + " holds " + shards.size()
                    + " shards; ShardedDataset packs exactly one per partition");
        }
        return shards.get(0);
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
