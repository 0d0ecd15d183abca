package org.convspark.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.metrics.TrainingProgress;
import org.convspark.driver.round.BarrierRound;
import org.convspark.driver.round.EvaluationPass;
import org.convspark.driver.round.LocalStepsRound;
import org.convspark.driver.round.StepAggregate;
import org.convspark.driver.round.WarmUpPass;
import org.convspark.driver.round.WorkerSpec;
import org.convspark.engine.UserInputException;
import org.convspark.engine.json.JsonObject;
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
 * rounds end at epoch boundaries, and a round of one step is an ordinary synchronous step. Each
 * path is a {@link RoundKind} ({@link TreeSteps}, {@link LocalSteps}, {@link BarrierRounds});
 * this class walks epochs, checkpoints and test evaluations and leaves the steps to it.
 *
 * <p>Before the first step a run checks the Kryo settings ({@link SerializerSelfCheck}) and logs the
 * parameter and receptive-field reports; after each epoch it logs loss, train and test accuracy,
 * images per second and the split of step time into executor compute and the rest. Spark job
 * descriptions name the epoch and step. Checkpoints are written every {@code checkpointEvery}
 * steps and at the end; {@code resume} continues from the newest valid one. While it runs, the
 * driver's {@link TrainingProgress} holds the latest step and the figures of the epoch lines,
 * which Spark's metrics show when {@code TrainingMetricsPlugin} is enabled.
 */
public final class DistributedTrainer {
    private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?\\])?");

    private final JavaSparkContext sc;
    private final ModelSpec spec;
    private final String specJson;
    private final TrainerConfig config;
    private final TrainingProgress progress = TrainingProgress.driver();
    private TrainingLog log = TrainingLog.slf4j();
    private StepListener stepListener = (step, total, epoch, loss) -> { };

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
        return new WorkerSpec(specJson, threadsPerTask(sc, config, partitions), config.augmentation());
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

    /** Warm-up passes per task before the first step (see {@link #warmUp}); negative counts as 0. */
    static final int WARM_UP_ROUNDS = Math.max(0, Integer.getInteger("convspark.warmUp.rounds", 30));
    static final int WARM_UP_SAMPLES = 8;
    /** After three passes (steps) a warm-up stops at this much time: a large model's first passes compile its kernels. */
    static final long WARM_UP_MAX_NANOS = 2_000_000_000L;

    public TrainingResult fit(ShardedDataset train) {
        return fit(train, null);
    }

    /** Trains on {@code train}, evaluating on {@code test} (may be null) after every epoch. */
    public TrainingResult fit(ShardedDataset train, ShardedDataset test) {
        MemoryBudget.check(sc, spec, config, train);
        SerializerSelfCheck.verify(sc.getConf());
        AllReduceChoice choice = AllReduceChoice.decide(sc, config, train.partitions());
        Network network = new Network(spec);
        checkFits(train, network, "training");
        checkStatisticsCanBeSummed(network, choice, train.partitions());
        if (!config.augmentation().isNone() && spec.input().rank() < 2) {
            throw new UserInputException("augment " + config.augmentation() + ": needs samples of channels x "
                    + "spatial dimensions, model " + spec.name() + " takes " + spec.input());
        }
        if (test != null) {
            checkFits(test, network, "test");
        }
        BatchSchedule schedule = new BatchSchedule(config.seed(), train.count(), config.batchSize());
        long totalSteps = BatchSchedule.totalSteps(train.count(), config.batchSize(), config.epochs(),
                config.maxSteps());
        log.info(ModelReport.of(spec).toText());
        WorkerSpec worker = worker(train.partitions());
        log.info("training " + spec.name() + " (" + spec.sizeText() + ") on " + train + ": "
                + schedule + ", " + totalSteps + " steps, " + worker.threads() + " engine thread"
                + (worker.threads() == 1 ? "" : "s") + " per task; " + config);
        log.info(choice.toLine());
        List<JsonObject> kernels = train.kernels();
        for (JsonObject kernel : kernels) {
            log.info((kernels.size() > 1 ? "executors differ: " : "") + kernel.get("line").asString());
            if (!kernel.get("warning").isNull()) {
                log.info(kernel.get("warning").asString());
            }
        }

        float[] params = network.initialParameters(config.seed());
        Optimizer optimizer = network.optimizer(Optimizers.create(config.optimizer()));
        RunCheckpoints checkpoints = RunCheckpoints.open(config, spec, specJson, sc.hadoopConfiguration(), log);
        Optional<Checkpoint> resumed = checkpoints.start(network, optimizer);
        if (resumed.isPresent()) {
            params = resumed.get().params();
        }
        long step = resumed.map(Checkpoint::step).orElse(0L);

        progress.started(step, totalSteps, schedule.epochOf(step) + 1);
        RunContext run = new RunContext(sc, config, spec.name(), worker, train, schedule, params, optimizer, log,
                publishing(stepListener), new DivergenceCheck(spec), progress);
        RoundKind kind = RoundKind.of(choice.mode(), run);
        List<EpochMetrics> history = new ArrayList<>();
        if (kind.runsToTheEnd(test)) {
            step = kind.runToTheEnd(test, step, totalSteps, checkpoints, history); // warms up in its first round
        } else {
            warmUp(train, worker);
        }
        while (step < totalSteps) {
            int epoch = schedule.epochOf(step);
            long epochEnd = Math.min((long) (epoch + 1) * schedule.stepsPerEpoch(), totalSteps);
            EpochTally tally = new EpochTally(epoch + 1, progress);
            while (step < epochEnd) {
                long end = kind.roundEnd(step, epochEnd, checkpoints);
                sc.setJobDescription(jobDescription(schedule, epoch, step, end, kind));
                long begin = System.nanoTime();
                try {
                    kind.takeSteps(step, end, totalSteps, tally);
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
        return new TrainingResult(spec, params, step, history, choice, kernels, progress.warmUpSeconds());
    }

    /** {@code listener}, told of each step after {@link #progress}: a slow or failing listener does not hold the metrics back. */
    private StepListener publishing(StepListener listener) {
        return (step, total, epoch, loss) -> {
            progress.stepDone(step, epoch, loss);
            listener.onStep(step, total, epoch, loss);
        };
    }

    /**
     * One job before the first step that runs up to {@link #WARM_UP_ROUNDS} training passes
     * (at most {@link #WARM_UP_MAX_NANOS} after the third) over {@link #WARM_UP_SAMPLES} synthetic
     * samples per engine thread in every task ({@link WarmUpPass}), so that the JIT has compiled the kernels when the first epoch's clock starts;
     * its time is logged on its own line, not hidden in an epoch.
     */
    private void warmUp(ShardedDataset train, WorkerSpec worker) {
        sc.setJobDescription("convspark " + spec.name() + ": warm-up");
        long begin = System.nanoTime();
        List<Integer> passes = train.shards().mapPartitions(new WarmUpPass(worker, WARM_UP_ROUNDS,
                WARM_UP_SAMPLES * worker.threads(), WARM_UP_MAX_NANOS)).collect();
        int fewest = passes.stream().mapToInt(Integer::intValue).min().orElse(0);
        int most = passes.stream().mapToInt(Integer::intValue).max().orElse(0);
        int tasks = train.partitions();
        double seconds = (System.nanoTime() - begin) / 1e9;
        log.info(String.format(Locale.ROOT, "warm-up: %s training passes over %d synthetic samples %s, %.1f s (the "
                        + "JIT compiles the engine's kernels before the first step)",
                fewest == most ? Integer.toString(most) : fewest + "-" + most, WARM_UP_SAMPLES * worker.threads(),
                tasks == 1 ? "in the task" : "in each of the " + tasks + " tasks", seconds));
        progress.warmedUp(seconds);
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
                    RoundKind.MERGE, config.treeDepth());
            return new BatchResult(a.lossSum(), a.correct(), a.count());
        } finally {
            broadcast.destroy();
        }
    }

    /** Spark UI's name for the job taking steps {@code [step, end)}: the epoch and the steps in it. */
    private String jobDescription(BatchSchedule schedule, int epoch, long step, long end, RoundKind kind) {
        long epochStart = (long) epoch * schedule.stepsPerEpoch();
        String prefix = String.format("convspark %s: epoch %d/%d, ", spec.name(), epoch + 1, config.epochs());
        if (end - step == 1) {
            return prefix + String.format("step %d/%d (global step %d)", step - epochStart + 1,
                    schedule.stepsPerEpoch(), step + 1);
        }
        return prefix + String.format("steps %d-%d of %d (%s)", step - epochStart + 1, end - epochStart,
                schedule.stepsPerEpoch(), kind.label());
    }

    /**
     * Batch norm's statistics are the whole step's batch, summed among the step's tasks in the
     * middle of forward and backward: barrier rounds can (their tasks talk to each other), a tree
     * step's tasks cannot, and with one partition there is nothing to sum. Local steps normalize
     * each partition's share by itself, as they step each partition's own copy.
     */
    private void checkStatisticsCanBeSummed(Network network, AllReduceChoice choice, int partitions) {
        if (network.sumsStatistics() && partitions > 1 && choice.mode() != AllReduce.BARRIER
                && config.syncEvery() <= 1) {
            throw new UserInputException("model " + spec.name() + " has batchnorm layers, whose statistics are "
                    + "summed over the whole batch among a step's tasks, which only barrier rounds can do; this run "
                    + "would take the tree path (" + choice.reason() + "): use all_reduce barrier or auto where "
                    + "barrier rounds can run, or 1 partition");
        }
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
