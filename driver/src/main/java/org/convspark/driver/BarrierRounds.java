package org.convspark.driver;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.collective.PeerTransport;
import org.convspark.driver.collective.RoundCoordinator;
import org.convspark.driver.collective.TransportSecurity;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.Shard;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.round.BarrierRound;
import org.convspark.driver.round.OptimizerSettings;
import org.convspark.driver.round.RoundResult;
import org.convspark.driver.round.RoundStart;
import org.convspark.driver.round.RoundWarmUp;
import org.convspark.driver.round.StepAggregate;
import org.convspark.driver.round.WorkerSpec;
import org.convspark.engine.optim.Optimizer;

/**
 * The barrier path: one barrier job ({@link BarrierRound}) runs many steps, its tasks
 * all-reducing every step's gradient among themselves through the {@code collective} package
 * while the driver only coordinates ({@link RoundCoordinator}). When the test set has the
 * training set's partitions a round runs from the start or a checkpoint to the next checkpoint or
 * the end, across epochs, the tasks evaluating their test shards at each epoch's end ({@link
 * LiveEpochs} logs them); otherwise rounds end at epochs and the trainer evaluates between them.
 * A failed round is rerun from the same start (see {@link #rethrowUnlessRetryable}).
 */
final class BarrierRounds implements RoundKind {
    private final RunContext run;

    BarrierRounds(RunContext run) {
        this.run = run;
    }

    @Override
    public long roundEnd(long step, long epochEnd, RunCheckpoints checkpoints) {
        return Math.min(epochEnd, checkpoints.nextDue(step));
    }

    @Override
    public void takeSteps(long step, long end, long totalSteps, EpochTally tally) {
        int epochNumber = run.schedule().epochOf(step) + 1;
        // A round the driver reruns reports its first steps again, with the same numbers: the listener
        // hears of each step once. The coordinator calls this one step at a time.
        long[] reported = {step};
        long[] allReduceNanos = {0};
        RoundResult round = round(run.worker(), roundInputs(run.train(), null), run.train().partitions(),
                run.schedule(), run.params(), run.optimizer(), step, (int) (end - step), totalSteps, false, null,
                (RoundReports) (index, totals, waited) -> {
                    if (step + index + 1 > reported[0]) {
                        reported[0] = step + index + 1;
                        allReduceNanos[0] += waited;
                        run.stepListener().onStep(reported[0], totalSteps, epochNumber,
                                totals.lossSum() / totals.count());
                    }
                });
        for (StepAggregate taken : round.steps) {
            tally.add(taken, 1);
        }
        tally.addCollectiveBytes(round.driverBytes, round.partition0Bytes, round.steps.length);
        tally.addAllReduceNanos(allReduceNanos[0]);
    }

    @Override
    public String label() {
        return "barrier round";
    }

    @Override
    public boolean runsToTheEnd(ShardedDataset test) {
        return test == null || test.partitions() == run.train().partitions();
    }

    @Override
    public long runToTheEnd(ShardedDataset test, long step, long totalSteps, RunCheckpoints checkpoints,
                            List<EpochMetrics> history) {
        return rounds(run.worker(), run.train(), test, run.schedule(), run.params(), run.optimizer(), step,
                totalSteps, checkpoints, history);
    }

    /**
     * Barrier rounds from {@code step} to the end of the run, each running to the next checkpoint:
     * the tasks evaluate their test shards at every epoch's end (the test set has the training
     * set's partitions), so a round spans epochs and the run needs no job per epoch; {@link
     * LiveEpochs} logs each epoch as partition 0 reports it.
     *
     * @return the step reached (the run's last)
     */
    private long rounds(WorkerSpec worker, ShardedDataset train, ShardedDataset test, BatchSchedule schedule,
                               float[] params, Optimizer optimizer, long step, long totalSteps,
                               RunCheckpoints checkpoints, List<EpochMetrics> history) {
        LiveEpochs epochs = new LiveEpochs(schedule, step, totalSteps, test != null, run.stepListener(), run.log(),
                history, run.progress());
        JavaRDD<Shard[]> inputs = roundInputs(train, test);
        // No more warm-up steps than the run has steps: a short run gains less than they would cost.
        RoundWarmUp warmUp = new RoundWarmUp(DistributedTrainer.WARM_UP_ROUNDS,
                DistributedTrainer.WARM_UP_SAMPLES * worker.threads(),
                (int) Math.min(run.config().warmUpSteps(), totalSteps - step),
                DistributedTrainer.WARM_UP_MAX_NANOS);
        if (warmUp.none()) {
            warmUp = null;
        }
        while (step < totalSteps) {
            long end = Math.min(totalSteps, checkpoints.nextDue(step));
            int first = schedule.epochOf(step) + 1;
            int last = schedule.epochOf(end - 1) + 1;
            int epochCount = run.config().epochs();
            run.sc().setJobDescription(String.format("convspark %s: %s, steps %d-%d of %d (barrier round)",
                    run.modelName(), first == last ? "epoch " + first + "/" + epochCount
                            : "epochs " + first + "-" + last + " of " + epochCount, step + 1, end, totalSteps));
            epochs.clockStarted();
            try {
                round(worker, inputs, train.partitions(), schedule, params, optimizer, step, (int) (end - step),
                        totalSteps, true, warmUp, epochs);
            } catch (TrainingDivergedException e) {
                throw e.withNote(checkpoints.divergenceNote());
            }
            checkpoints.afterSteps(step, end, schedule, params, optimizer);
            step = end;
            warmUp = null; // the executors' JVMs are warm now
        }
        return step;
    }

    /** What a round's tasks read: each partition's training shard, with its test shard when given. */
    private static JavaRDD<Shard[]> roundInputs(ShardedDataset train, ShardedDataset test) {
        if (test == null) {
            return train.shards().map(shard -> new Shard[] {shard});
        }
        return train.shards().zipPartitions(test.shards(), (trainShards, testShards) -> {
            List<Shard> both = new ArrayList<>();
            trainShards.forEachRemaining(both::add);
            testShards.forEachRemaining(both::add);
            return java.util.Collections.singletonList(both.toArray(new Shard[0])).iterator();
        });
    }

    /** A round's reports, and when a round (or a rerun of it) starts and ends. */
    interface RoundReports extends RoundCoordinator.Progress {
        default void roundStarted(long firstStep, RoundCoordinator coordinator) {
        }

        default void roundEnded() {
        }
    }

    /**
     * Runs steps {@code [firstStep, firstStep + steps)} as one barrier job (rerun when it fails, see
     * {@link #rethrowUnlessRetryable}) and leaves the parameters and optimizer state of the last step
     * taken in {@code params} and {@code optimizer}. The round warms up first when {@code warmUp} is
     * not null; a rerun only when the failed attempt did not finish its warm-up (a rerun's warm-up
     * would otherwise count in the epoch it repeats).
     */
    private RoundResult round(WorkerSpec worker, JavaRDD<Shard[]> inputs, int partitions,
                                     BatchSchedule schedule, float[] params, Optimizer optimizer, long firstStep,
                                     int steps, long totalSteps, boolean reportEpochs, RoundWarmUp warmUp,
                                     RoundReports reports) {
        SparkConf conf = run.sc().getConf();
        CollectiveSettings settings = CollectiveSettings.of(conf);
        PeerTransport transport = PeerTransport.forJvm(TransportSecurity.ofSpark(conf), settings,
                settings.driverBindHost(), PeerTransport.settingsOf(conf));
        int maxAttempts = Math.max(1, conf.getInt("spark.stage.maxConsecutiveAttempts", 4));
        Broadcast<float[][]> broadcast = run.sc().broadcast(RoundStart.pack(params, optimizer));
        List<RoundResult> results = null;
        RoundWarmUp attemptWarmUp = warmUp;
        Throwable listenerFailure = null;
        long driverBytes = 0;
        long partition0Bytes = 0;
        try {
            for (int attempt = 0; results == null; attempt++) {
                // Each attempt has its own coordinator and token: a failed attempt's stragglers are strangers.
                try (RoundCoordinator coordinator = new RoundCoordinator(transport, partitions,
                        settings.timeoutMillis(), reports)) {
                    reports.roundStarted(firstStep, coordinator);
                    BarrierRound round = new BarrierRound(worker, broadcast, schedule, firstStep, steps, totalSteps,
                            reportEpochs, new OptimizerSettings(run.config().optimizer()),
                            run.config().faultInjection(), settings,
                            conf.get("spark.driver.host"), coordinator.port(), coordinator.token(), attempt,
                            attemptWarmUp);
                    scala.reflect.ClassTag<RoundResult> tag = scala.reflect.ClassTag$.MODULE$.apply(RoundResult.class);
                    try {
                        results = org.apache.spark.api.java.JavaRDD.fromRDD(
                                inputs.rdd().barrier().mapPartitions(round, false, tag), tag).collect();
                    } catch (Exception e) {
                        rethrowUnlessRetryable(e, firstStep, attempt, maxAttempts);
                    }
                    coordinator.close(); // waits for the progress reports already received
                    if (coordinator.warmedUp()) {
                        attemptWarmUp = null;
                    }
                    if (listenerFailure == null) {
                        listenerFailure = coordinator.progressFailure();
                    }
                    if (results != null) {
                        reports.roundEnded();
                    }
                    driverBytes += coordinator.driverBytes();
                    partition0Bytes = coordinator.partitionBytes(0);
                }
            }
        } finally {
            broadcast.destroy();
        }
        if (listenerFailure instanceof RuntimeException e) {
            throw e;
        }
        if (listenerFailure instanceof Error e) {
            throw e;
        }
        if (listenerFailure != null) {
            throw new IllegalStateException("the step listener failed", listenerFailure);
        }
        if (results.size() != 1) {
            throw new IllegalStateException("barrier round from step " + firstStep + ": " + results.size()
                    + " results, expected one from partition 0");
        }
        RoundResult round = results.get(0);
        if (round.diverged()) {
            run.divergence().check(round.divergedStep, round.divergedLoss, round.divergedGradient, "gradient");
            throw new IllegalStateException("barrier round reported a divergence at step "
                    + round.divergedStep + " that the driver's check does not see");
        }
        System.arraycopy(round.params, 0, params, 0, params.length);
        optimizer.restoreState(round.state);
        round.driverBytes = driverBytes;
        round.partition0Bytes = partition0Bytes;
        return round;
    }

    /**
     * Spark never reruns a failed barrier result stage (it could have committed output); a round
     * commits nothing, so the driver reruns it from the same broadcast start, as Spark would rerun a
     * barrier map stage, up to {@code spark.stage.maxConsecutiveAttempts} times. A round ran as a
     * map stage feeding a one-partition shuffle before, which Spark reruns itself: that shuffle and
     * its stage cost 55-75 ms per round in {@code local[2]}, a fifth of a LeNet-5 epoch. A cancelled
     * job or a stopped context is not retried.
     */
    private void rethrowUnlessRetryable(Exception e, long firstStep, int attempt, int maxAttempts) {
        boolean retryable = e instanceof org.apache.spark.SparkException && !run.sc().sc().isStopped()
                && passesOnRerun(String.valueOf(e.getMessage()));
        if (!retryable || attempt + 1 >= maxAttempts) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("barrier round from step " + firstStep + " failed "
                    + (attempt + 1) + " time" + (attempt == 0 ? "" : "s") + ": " + e.getMessage(), e);
        }
        run.log().info("barrier round from step " + firstStep + " failed (attempt " + (attempt + 1) + " of "
                + maxAttempts + "), rerunning it from the same start: " + failureReason(e));
    }

    /**
     * Whether a failed round's cause can pass on a rerun: a lost executor, a task Spark killed, the
     * collective's own failures (a partner gone, a task that did not join), a test's injected
     * fault. A failure the round would meet again (an engine error, an invariant, memory) is not
     * retried, nor is a cancelled job.
     */
    private static boolean passesOnRerun(String message) {
        if (message.contains("cancelled") || message.contains("OutOfMemoryError")) {
            return false;
        }
        for (String cause : new String[] {"ExecutorLostFailure", "TaskKilled", "UncheckedIOException",
                "InjectedFaultException", "FetchFailed"}) {
            if (message.contains(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The failed task's own message when Spark's carries it (the round's messages name the step), else Spark's first line. */
    private static String failureReason(Exception e) {
        String[] lines = String.valueOf(e.getMessage()).split("\n");
        for (String line : lines) {
            int at = line.indexOf("barrier round from step ");
            if (at >= 0) {
                return line.substring(at);
            }
        }
        return lines[0];
    }
}
