package org.convspark.driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.collective.PeerTransport;
import org.convspark.driver.collective.RoundCoordinator;
import org.convspark.driver.collective.TransportSecurity;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.Shard;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.round.BarrierRound;
import org.convspark.driver.round.EvaluationPass;
import org.convspark.driver.round.GradientStep;
import org.convspark.driver.round.LocalStepsRound;
import org.convspark.driver.round.OptimizerSettings;
import org.convspark.driver.round.RoundResult;
import org.convspark.driver.round.RoundStart;
import org.convspark.driver.round.StepAggregate;
import org.convspark.driver.round.WorkerSpec;
import org.convspark.engine.UserInputException;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.Optimizers;
import org.convspark.engine.report.ModelReport;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;

/**
 * Synchronous data-parallel training: {@code new DistributedTrainer(spark, spec, config).fit(train,
 * test)}. Each global step broadcasts the flat parameters (the previous broadcast is destroyed),
 * sums {gradient, loss, hits, samples} over the partitions' shares of the step's batch with a
 * {@code treeAggregate} of the configured depth, and lets the optimizer step on the driver with
 * the mean gradient (sum / batch size). With {@link AllReduce#BARRIER} (what {@link AllReduce#AUTO}
 * picks wherever it can, see {@link AllReduceChoice}) one barrier job runs to the next checkpoint
 * or the end instead, its tasks all-reducing the same sums among themselves at every step and
 * evaluating the test set at every epoch's end (see {@link BarrierRound}, {@link LiveEpochs}). With {@code syncEvery = k > 1} a job covers k steps of
 * local training per partition followed by parameter averaging instead (see {@link LocalStepsRound});
 * rounds end at epoch boundaries, and a round of one step is an ordinary synchronous step.
 *
 * <p>Before the first step a run checks the Kryo settings ({@link SerializerSelfCheck}) and logs the
 * parameter and receptive-field reports; after each epoch it logs loss, train and test accuracy,
 * images per second and the split of step time into executor compute and the rest. Spark job
 * descriptions name the epoch and step. Checkpoints are written every {@code checkpointEvery}
 * steps and at the end; {@code resume} continues from the newest valid one.
 */
public final class DistributedTrainer {
    private static final Function2<StepAggregate, StepAggregate, StepAggregate> MERGE = StepAggregate::merge;
    private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?\\])?");

    private final JavaSparkContext sc;
    private final ModelSpec spec;
    private final String specJson;
    private final TrainerConfig config;
    private TrainingLog log = TrainingLog.slf4j();
    private StepListener stepListener = (step, total, epoch, loss) -> { };
    /** How this fit's steps are all-reduced, decided at its start. */
    private AllReduce mode;

    public DistributedTrainer(SparkSession spark, ModelSpec spec, TrainerConfig config) {
        this(JavaSparkContext.fromSparkContext(spark.sparkContext()), spec, config);
    }

    public DistributedTrainer(JavaSparkContext sc, ModelSpec spec, TrainerConfig config) {
        this.sc = sc;
        this.spec = spec;
        this.specJson = ModelSpecJson.toJson(spec);
        this.config = config;
    }

    /**
     * The configured engine threads per task; when the configuration says 0, {@code
     * spark.task.cpus}, or in local mode, where every task shares the driver JVM's N cores, N
     * divided by the partitions when that is more: {@code local[2]} with one partition runs its
     * task on 2 threads. (On a cluster an executor's other tasks may be using its cores.)
     */
    static int threadsPerTask(JavaSparkContext sc, TrainerConfig config, int partitions) {
        if (config.threadsPerTask() > 0) {
            return config.threadsPerTask();
        }
        int taskCpus = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
        int localCores = localCores(sc.master());
        return localCores > 0 ? Math.max(taskCpus, localCores / Math.max(1, partitions)) : taskCpus;
    }

    /** The N of a {@code local[N]}, {@code local[N,F]}, {@code local[*]} or {@code local} master; 0 for any other. */
    static int localCores(String master) {
        Matcher m = LOCAL_MASTER.matcher(master.trim());
        if (!m.matches()) {
            return 0;
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    private WorkerSpec worker(int partitions) {
        return new WorkerSpec(specJson, threadsPerTask(sc, config, partitions));
    }

    /** Sends the run's lines (reports, epochs, checkpoints) to {@code target} instead of the driver log. */
    public DistributedTrainer withLog(TrainingLog target) {
        this.log = target;
        return this;
    }

    /** Calls {@code listener} after every step (progress bars). */
    public DistributedTrainer withStepListener(StepListener listener) {
        this.stepListener = listener;
        return this;
    }

    public TrainingResult fit(ShardedDataset train) {
        return fit(train, null);
    }

    /** Trains on {@code train}, evaluating on {@code test} (may be null) after every epoch. */
    public TrainingResult fit(ShardedDataset train, ShardedDataset test) {
        MemoryBudget.check(sc, spec, config, train.partitions(), train.count());
        SerializerSelfCheck.verify(sc.getConf());
        AllReduceChoice choice = AllReduceChoice.decide(sc, config, train.partitions());
        mode = choice.mode();
        Network network = new Network(spec);
        checkFits(train, network, "training");
        if (test != null) {
            checkFits(test, network, "test");
        }
        BatchSchedule schedule = new BatchSchedule(config.seed(), train.count(), config.batchSize());
        long totalSteps = BatchSchedule.totalSteps(train.count(), config.batchSize(), config.epochs(),
                config.maxSteps());
        log.info(ModelReport.of(spec).toText());
        WorkerSpec worker = worker(train.partitions());
        log.info("training " + spec.name() + " (" + network.parameterCount() + " parameters) on " + train + ": "
                + schedule + ", " + totalSteps + " steps, " + worker.threads() + " engine thread"
                + (worker.threads() == 1 ? "" : "s") + " per task; " + config);
        log.info(choice.toLine());

        float[] params = network.initialParameters(config.seed());
        Optimizer optimizer = Optimizers.create(config.optimizer());
        RunCheckpoints checkpoints = RunCheckpoints.open(config, spec, specJson, sc.hadoopConfiguration(), log);
        Optional<Checkpoint> resumed = checkpoints.start(network, optimizer);
        if (resumed.isPresent()) {
            params = resumed.get().params();
        }
        long step = resumed.map(Checkpoint::step).orElse(0L);

        List<EpochMetrics> history = new ArrayList<>();
        if (mode == AllReduce.BARRIER && (test == null || test.partitions() == train.partitions())) {
            step = barrierRounds(worker, train, test, schedule, params, optimizer, step, totalSteps, checkpoints,
                    history);
        }
        while (step < totalSteps) {
            int epoch = schedule.epochOf(step);
            long epochEnd = Math.min((long) (epoch + 1) * schedule.stepsPerEpoch(), totalSteps);
            EpochTally tally = new EpochTally(epoch + 1);
            while (step < epochEnd) {
                long end = roundEnd(step, epochEnd, checkpoints);
                sc.setJobDescription(jobDescription(schedule, epoch, step, end));
                long begin = System.nanoTime();
                try {
                    takeSteps(worker, train, schedule, params, optimizer, step, end, totalSteps, tally);
                } catch (TrainingDivergedException e) {
                    throw e.withNote(checkpoints.divergenceNote());
                }
                tally.addWallNanos(System.nanoTime() - begin);
                checkpoints.afterSteps(step, end, schedule, params, optimizer);
                step = end;
            }
            BatchResult testResult = test == null ? null : evaluate(params, test, worker,
                    String.format("convspark %s: epoch %d/%d, test evaluation", spec.name(), epoch + 1,
                            config.epochs()));
            EpochMetrics metrics = tally.metrics(testResult);
            history.add(metrics);
            log.info(metrics.toLine());
        }
        checkpoints.atEnd(step, schedule, params, optimizer);
        sc.setJobDescription(null);
        return new TrainingResult(spec, params, step, history, choice);
    }

    /** Mean loss and accuracy of {@code params} over every sample of {@code data}. */
    public BatchResult evaluate(float[] params, ShardedDataset data) {
        return evaluate(params, data, worker(data.partitions()), "convspark " + spec.name() + ": evaluation");
    }

    /**
     * During training {@code worker} is the training steps' own: a test set with fewer partitions
     * would otherwise ask for another thread count and every task thread would rebuild its networks
     * for the evaluation and again for the next step.
     */
    private BatchResult evaluate(float[] params, ShardedDataset data, WorkerSpec worker, String description) {
        sc.setJobDescription(description);
        Broadcast<float[]> broadcast = sc.broadcast(params.clone());
        try {
            StepAggregate a = data.shards().treeAggregate(new StepAggregate(), new EvaluationPass(worker, broadcast),
                    MERGE, config.treeDepth());
            return new BatchResult(a.lossSum(), a.correct(), a.count());
        } finally {
            broadcast.destroy();
        }
    }

    private StepAggregate synchronousStep(WorkerSpec worker, ShardedDataset train, BatchSchedule schedule,
                                          float[] params, Optimizer optimizer, long step) {
        // A copy: in local mode tasks would otherwise read the very array the optimizer updates.
        Broadcast<float[]> broadcast = sc.broadcast(params.clone());
        StepAggregate sum;
        try {
            sum = train.shards().treeAggregate(new StepAggregate(),
                    new GradientStep(worker, broadcast, schedule, step, config.faultInjection()), MERGE,
                    config.treeDepth());
        } finally {
            broadcast.destroy();
        }
        schedule.checkCovered(step, sum.count());
        float[] meanGradient = new float[params.length];
        sum.vectorDividedBy(sum.count(), meanGradient, 0, params.length);
        checkFinite(step, sum.lossSum(), meanGradient, "gradient");
        optimizer.step(params, meanGradient, step);
        return sum;
    }

    /**
     * Where the job starting at {@code step} ends: a barrier round runs to the epoch's end or the
     * next checkpoint, whichever comes first; a local-steps round covers {@code syncEvery} steps;
     * otherwise a job is one step. None crosses an epoch's end.
     */
    private long roundEnd(long step, long epochEnd, RunCheckpoints checkpoints) {
        if (mode == AllReduce.TREE) {
            return Math.min(step + config.syncEvery(), epochEnd);
        }
        return Math.min(epochEnd, checkpoints.nextDue(step));
    }

    /** Spark UI's name for the job taking steps {@code [step, end)}: the epoch and the steps in it. */
    private String jobDescription(BatchSchedule schedule, int epoch, long step, long end) {
        long epochStart = (long) epoch * schedule.stepsPerEpoch();
        String prefix = String.format("convspark %s: epoch %d/%d, ", spec.name(), epoch + 1, config.epochs());
        if (end - step == 1) {
            return prefix + String.format("step %d/%d (global step %d)", step - epochStart + 1,
                    schedule.stepsPerEpoch(), step + 1);
        }
        return prefix + String.format("steps %d-%d of %d (%s)", step - epochStart + 1, end - epochStart,
                schedule.stepsPerEpoch(), mode == AllReduce.BARRIER ? "barrier round" : "local steps");
    }

    /**
     * Takes steps {@code [step, end)} as one job, leaving the parameters and optimizer state after
     * them in {@code params} and {@code optimizer}, counting them in {@code tally} and telling the
     * step listener (a barrier round tells it as partition 0 reports its steps).
     */
    private void takeSteps(WorkerSpec worker, ShardedDataset train, BatchSchedule schedule, float[] params,
                           Optimizer optimizer, long step, long end, long totalSteps, EpochTally tally) {
        int epochNumber = schedule.epochOf(step) + 1;
        if (mode == AllReduce.BARRIER) {
            // A round the driver reruns reports its first steps again, with the same numbers: the listener
            // hears of each step once. The coordinator calls this one step at a time.
            long[] reported = {step};
            RoundResult round = barrierRound(worker, roundInputs(train, null), train.partitions(), schedule, params,
                    optimizer, step, (int) (end - step), totalSteps, false, (RoundReports) (index, totals) -> {
                        if (step + index + 1 > reported[0]) {
                            reported[0] = step + index + 1;
                            stepListener.onStep(reported[0], totalSteps, epochNumber,
                                    totals.lossSum() / totals.count());
                        }
                    });
            for (StepAggregate taken : round.steps) {
                tally.add(taken, 1);
            }
            tally.addCollectiveBytes(round.driverBytes, round.partition0Bytes, round.steps.length);
            return;
        }
        StepAggregate taken = end - step == 1 ? synchronousStep(worker, train, schedule, params, optimizer, step)
                : localStepsRound(worker, train, schedule, params, optimizer, step, (int) (end - step));
        tally.add(taken, end - step);
        stepListener.onStep(end, totalSteps, epochNumber, taken.lossSum() / taken.count());
    }

    /**
     * Barrier rounds from {@code step} to the end of the run, each running to the next checkpoint:
     * the tasks evaluate their test shards at every epoch's end (the test set has the training
     * set's partitions), so a round spans epochs and the run needs no job per epoch; {@link
     * LiveEpochs} logs each epoch as partition 0 reports it.
     *
     * @return the step reached (the run's last)
     */
    private long barrierRounds(WorkerSpec worker, ShardedDataset train, ShardedDataset test, BatchSchedule schedule,
                               float[] params, Optimizer optimizer, long step, long totalSteps,
                               RunCheckpoints checkpoints, List<EpochMetrics> history) {
        LiveEpochs epochs = new LiveEpochs(schedule, step, totalSteps, test != null, stepListener, log, history);
        JavaRDD<Shard[]> inputs = roundInputs(train, test);
        while (step < totalSteps) {
            long end = Math.min(totalSteps, checkpoints.nextDue(step));
            int first = schedule.epochOf(step) + 1;
            int last = schedule.epochOf(end - 1) + 1;
            sc.setJobDescription(String.format("convspark %s: %s, steps %d-%d of %d (barrier round)", spec.name(),
                    first == last ? "epoch " + first + "/" + config.epochs()
                            : "epochs " + first + "-" + last + " of " + config.epochs(), step + 1, end, totalSteps));
            epochs.clockStarted();
            try {
                barrierRound(worker, inputs, train.partitions(), schedule, params, optimizer, step, (int) (end - step),
                        totalSteps, true, epochs);
            } catch (TrainingDivergedException e) {
                throw e.withNote(checkpoints.divergenceNote());
            }
            checkpoints.afterSteps(step, end, schedule, params, optimizer);
            step = end;
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
     * taken in {@code params} and {@code optimizer}.
     */
    private RoundResult barrierRound(WorkerSpec worker, JavaRDD<Shard[]> inputs, int partitions,
                                     BatchSchedule schedule, float[] params, Optimizer optimizer, long firstStep,
                                     int steps, long totalSteps, boolean reportEpochs, RoundReports reports) {
        SparkConf conf = sc.getConf();
        CollectiveSettings settings = CollectiveSettings.of(conf);
        PeerTransport transport = PeerTransport.forJvm(TransportSecurity.ofSpark(conf), settings,
                settings.driverBindHost(), PeerTransport.settingsOf(conf));
        int maxAttempts = Math.max(1, conf.getInt("spark.stage.maxConsecutiveAttempts", 4));
        Broadcast<float[][]> broadcast = sc.broadcast(RoundStart.pack(params, optimizer));
        List<RoundResult> results = null;
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
                            reportEpochs, new OptimizerSettings(config.optimizer()), config.faultInjection(), settings,
                            conf.get("spark.driver.host"), coordinator.port(), coordinator.token(), attempt);
                    scala.reflect.ClassTag<RoundResult> tag = scala.reflect.ClassTag$.MODULE$.apply(RoundResult.class);
                    try {
                        results = org.apache.spark.api.java.JavaRDD.fromRDD(
                                inputs.rdd().barrier().mapPartitions(round, false, tag), tag).collect();
                    } catch (Exception e) {
                        rethrowUnlessRetryable(e, firstStep, attempt, maxAttempts);
                    }
                    coordinator.close(); // waits for the progress reports already received
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
            checkFinite(round.divergedStep, round.divergedLoss, round.divergedGradient, "gradient");
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
        boolean retryable = e instanceof org.apache.spark.SparkException && !sc.sc().isStopped()
                && passesOnRerun(String.valueOf(e.getMessage()));
        if (!retryable || attempt + 1 >= maxAttempts) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("barrier round from step " + firstStep + " failed "
                    + (attempt + 1) + " time" + (attempt == 0 ? "" : "s") + ": " + e.getMessage(), e);
        }
        log.info("barrier round from step " + firstStep + " failed (attempt " + (attempt + 1) + " of " + maxAttempts
                + "), rerunning it from the same start: " + failureReason(e));
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

    private StepAggregate localStepsRound(WorkerSpec worker, ShardedDataset train, BatchSchedule schedule,
                                          float[] params, Optimizer optimizer, long firstStep, int steps) {
        int stateArrays = optimizer.state().length;
        Broadcast<float[][]> broadcast = sc.broadcast(RoundStart.pack(params, optimizer));
        StepAggregate sum;
        try {
            sum = train.shards().treeAggregate(new StepAggregate(),
                    new LocalStepsRound(worker, broadcast, schedule, firstStep, steps,
                            new OptimizerSettings(config.optimizer()), config.faultInjection()),
                    MERGE, config.treeDepth());
        } finally {
            broadcast.destroy();
        }
        float[] averaged = new float[sum.vector().length];
        sum.vectorDividedBy(sum.weight(), averaged, 0, averaged.length);
        checkFinite(firstStep, sum.lossSum(), averaged, "averaged parameters");
        System.arraycopy(averaged, 0, params, 0, params.length);
        float[][] newState = new float[stateArrays][];
        for (int i = 0; i < stateArrays; i++) {
            newState[i] = Arrays.copyOfRange(averaged, params.length * (i + 1), params.length * (i + 2));
        }
        optimizer.restoreState(newState);
        return sum;
    }

    /**
     * Stops the run before a non-finite update reaches the parameters (or a checkpoint). The
     * gradient is checked before the loss so that the message can name the layer whose gradient
     * went bad; a loss that overflowed alone has no layer to blame.
     */
    private void checkFinite(long step, double lossSum, float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                String layer = layerOf(i);
                throw new TrainingDivergedException(step, layer, "training diverged at step " + step + ": the "
                        + (layer == null ? "optimizer state" : what + " of " + layer) + " is " + values[i]
                        + " (element " + i + "), the loss " + lossSum);
            }
        }
        if (!Double.isFinite(lossSum)) {
            throw new TrainingDivergedException(step, null, "training diverged at step " + step + ": the loss is "
                    + lossSum);
        }
    }

    /** Which layer owns flat parameter {@code index} (laid out layer after layer); null past the parameters. */
    private String layerOf(int index) {
        long end = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            end += spec.layers().get(i).parameterCount(spec.inputShape(i));
            if (index < end) {
                return "layer " + i + " (" + spec.layers().get(i).type() + ")";
            }
        }
        return null;
    }

    private void checkFits(ShardedDataset data, Network network, String role) {
        if (!data.sampleShape().equals(spec.input())) {
            throw new UserInputException("the " + role + " samples have shape " + data.sampleShape()
                    + ", model " + spec.name() + " takes " + spec.input());
        }
        if (data.numClasses() > network.numClasses()) {
            throw new UserInputException("the " + role + " data has " + data.numClasses()
                    + " classes, model " + spec.name() + " outputs " + network.numClasses());
        }
    }
}
