package org.convspark.jobs;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.DistributedTrainer;
import org.convspark.driver.EpochMetrics;
import org.convspark.driver.AllReduce;
import org.convspark.driver.AllReduceChoice;
import org.convspark.driver.MemoryBudget;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.TrainingResult;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.options.TrainingOptions;
import org.convspark.driver.options.TrainingSettings;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.report.ModelReport;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.jobs.data.DataLoader;
import org.convspark.jobs.data.DataRole;
import org.convspark.jobs.data.LoadedData;
import org.convspark.jobs.data.ResolvedData;
import org.convspark.jobs.html.ReportData;
import org.convspark.jobs.score.Evaluation;
import org.convspark.jobs.score.Scorer;
import org.convspark.jobs.spark.SparkSessions;
import org.convspark.jobs.terminal.Console;
import org.convspark.jobs.terminal.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convspark train}: synchronous data-parallel training on Spark. Every option and every
 * input path is checked before the Spark session starts; then the data is read and sharded, the
 * driver's {@link DistributedTrainer} runs (printing both reports and a line per epoch), and the
 * model and {@code metrics.json} are written.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model with synchronous data-parallel SGD on Spark.",
                "Without --data: the embedded MNIST subset (8,000 training and 2,000 test digits).",
                "The defaults (12 epochs, batch 128, adam at 0.004, cosine schedule) take LeNet-5 past 97%% on it."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec commandSpec;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Training data: IDX files, CIFAR-10 batches, an image folder or Parquet (default: the "
                    + "embedded MNIST subset).")
    String data;

    @Option(names = "--test-data", paramLabel = "PATH",
            description = "Test data, evaluated after every epoch (default: the test split beside --data for IDX and "
                    + "CIFAR-10 directories, the embedded test digits without --data, else none).")
    String testData;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--model", paramLabel = "SPEC.json|ZOO_NAME", defaultValue = "lenet5",
            description = "A model spec file or a zoo model (lenet5, cifar-small, resnet20, resnet32; --input-shape sets a "
                    + "zoo model's input); default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--output", paramLabel = "MODEL_DIR",
            description = "Write the trained model here (spec.json, params.bin, model.json).")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing --output model (only once the new one is "
            + "complete).")
    boolean overwrite;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write metrics.json (options and per-epoch metrics), report.json and report.html (the "
                    + "training report page: curves, model, confusion matrix, settings) here.")
    Path reportDir;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not run by spark-submit (default: local[*]).")
    String master;

    @Override
    public Integer call() {
        TrainingSettings settings = TrainingOptionsCli.settings(commandSpec);
        SparkSessions.checkMasterOption(master);
        ModelSpec spec = ModelArgument.load(model, dataOptions.inputShape());
        Network network = ModelArgument.network(spec, model);
        Configuration hadoopConf = new Configuration();
        ResolvedData train = DataLoader.resolve(dataOptions.request(data, DataRole.TRAIN), hadoopConf, true);
        ResolvedData test = testData != null
                ? DataLoader.resolve(dataOptions.request(testData, DataRole.TEST), hadoopConf, true)
                : DataLoader.impliedTestSplit(train, hadoopConf);
        if (output != null) {
            ModelDirectory.checkWritable(output, overwrite, "--output");
        }
        if (reportDir != null) {
            MetricsFile.checkUsable(reportDir);
        }

        Console console = Console.of(commandSpec.commandLine().getOut());
        console.println("convspark train: model " + spec.name() + " (" + spec.sizeText() + "), "
                + "training data " + train.source() + (test == null ? ", no test data" : ", test data " + test.source()));
        try (SparkSessions.OpenSession session = SparkSessions.open("convspark train", master)) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.spark().sparkContext());
            Run run = new Run(session, sc, spec, network, settings, console);
            return run.execute(train, test);
        } finally {
            console.clearBar();
        }
    }

    /** One training run inside an open session. */
    private final class Run {
        private final SparkSessions.OpenSession session;
        private final JavaSparkContext sc;
        private final ModelSpec spec;
        private final Network network;
        private final TrainingSettings settings;
        private final Console console;

        Run(SparkSessions.OpenSession session, JavaSparkContext sc, ModelSpec spec, Network network,
            TrainingSettings settings, Console console) {
            this.session = session;
            this.sc = sc;
            this.spec = spec;
            this.network = network;
            this.settings = settings;
            this.console = console;
        }

        int execute(ResolvedData train, ResolvedData test) {
            int p = settings.partitions() != null ? settings.partitions() : sc.defaultParallelism();
            // Before the data is read: a model that cannot fit is refused before any Spark job (the
            // trainer checks again with the data's size).
            MemoryBudget.check(sc, spec, settings.trainerConfig(Integer.MAX_VALUE), p, 0);
            // A barrier all-reduce that cannot run (dynamic allocation, too few slots) is refused here, before the
            // data is read, naming the setting. (auto decides once, in the trainer: on a cluster short of slots the
            // decision waits for executors, which should happen once.)
            TrainerConfig early = settings.trainerConfig(Integer.MAX_VALUE);
            if (early.allReduce() == AllReduce.BARRIER) {
                AllReduceChoice.decide(sc, early, p);
            }
            DataLoader loader = new DataLoader(session.spark());
            int k = network.numClasses();
            LoadedData trainData = loader.load(train, new DataLoader.Target(spec.input(), k, null, true));
            List<String> classes = DataLoader.names(trainData.classNames(), k);
            LoadedData testData = test == null ? null
                    : loader.load(test, new DataLoader.Target(spec.input(), k,
                    train.imageClasses() != null ? trainData.classNames() : null, true));
            console.println("training data: " + trainData + "; " + p + " partitions");
            if (testData != null) {
                console.println("test data: " + testData);
            }
            if (trainData.count() < p) {
                throw new UserError("--partitions " + p + ": more partitions than the " + trainData.count()
                        + " training samples");
            }
            if (settings.batchSize() > trainData.count()) {
                throw new UserError(TrainingOptions.BATCH_SIZE.cliName() + " " + settings.batchSize()
                        + ": larger than the " + trainData.count() + " training samples");
            }
            TrainerConfig config = settings.trainerConfig((int) trainData.count());
            ShardedDataset trainShards = trainData.shard(sc, p);
            ShardedDataset testShards = testData == null ? null
                    : testData.shard(sc, (int) Math.min(p, testData.count()));
            TrainingResult result;
            Evaluation testEvaluation = null;
            try {
                DistributedTrainer trainer = new DistributedTrainer(sc, spec, config).withLog(console::println);
                if (console.live()) {
                    trainer.withStepListener(new ProgressBar(console));
                }
                result = trainer.fit(trainShards, testShards);
                if (reportDir != null && testData != null) {
                    testEvaluation = evaluate(result.params(), testData, classes);
                }
            } finally {
                trainShards.release();
                trainData.release();
                if (testShards != null) {
                    testShards.release();
                    testData.release();
                }
            }
            JsonObject runConfig = settings.toJson()
                    .put("model", spec.name())
                    .put("parameters", network.parameterCount())
                    .put("data", train.source())
                    .put("train_samples", trainData.count())
                    .put("test_data", test == null ? "none" : test.source())
                    .put("test_samples", testData == null ? 0 : testData.count())
                    .put("partitions", p)
                    .put("master", sc.master())
                    .build();
            finish(result, runConfig, classes, testEvaluation);
            return ConvsparkCli.EXIT_OK;
        }

        /** The trained model on the test data: the report's confusion matrix. */
        private Evaluation evaluate(float[] params, LoadedData testData, List<String> classes) {
            console.println("scoring the test data for the report's confusion matrix");
            Scorer.Scored scored = new Scorer(sc, spec, params).score(testData.frame(session.spark()));
            try {
                return Evaluation.of(scored.rows(), classes);
            } finally {
                scored.release();
            }
        }

        /**
         * A failed write of the run's outputs (a full disk, a failing file system) after training:
         * the message says where the trained parameters still are, so the hours of training are not
         * lost with the file.
         */
        private UserError outputFailed(UserError e, TrainingResult result) {
            return new UserError(e.getMessage() + "; " + savedNote(settings.checkpointDir(), result.steps()), e);
        }

        private void finish(TrainingResult result, JsonObject runConfig, List<String> classes,
                            Evaluation testEvaluation) {
            EpochMetrics last = result.history().isEmpty() ? null : result.last();
            if (output != null) {
                JsonObject training = JsonObject.builder()
                        .put("config", runConfig)
                        .put("steps", result.steps())
                        .put("epochs_run", result.history().size())
                        .build();
                try {
                    ModelDirectory.write(output, new SavedModel(spec, result.params(), classes, training), overwrite);
                } catch (UserError e) {
                    throw outputFailed(e, result);
                }
                console.println("model written to " + output);
            } else {
                console.println("the model was not saved (no --output)");
            }
            if (reportDir != null) {
                ModelReport report = ModelReport.of(spec);
                try {
                    MetricsFile.write(reportDir, runConfig, result.allReduce(), result.kernels(),
                            result.warmUpSeconds(), result.history(), report);
                    MetricsFile.writePage(reportDir, new ReportData(result.history(), report, testEvaluation,
                            RunSettings.of(runConfig), RunSettings.spark(sc.getConf()),
                            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
                } catch (UserError e) {
                    throw outputFailed(e, result);
                }
                console.println("metrics written to " + reportDir.resolve(MetricsFile.METRICS) + ", the report page to "
                        + reportDir.resolve(MetricsFile.PAGE));
            }
            if (last != null && !Double.isNaN(last.testAccuracy())) {
                console.println(String.format("test accuracy: %.2f%% after %d epoch%s (%d steps)",
                        100 * last.testAccuracy(), last.epoch(), last.epoch() == 1 ? "" : "s", result.steps()));
            } else if (last != null) {
                console.println(String.format("train accuracy: %.2f%% after %d epoch%s (%d steps); no test data",
                        100 * last.trainAccuracy(), last.epoch(), last.epoch() == 1 ? "" : "s", result.steps()));
            }
        }
    }

    /** Where a finished run's parameters are when its outputs could not be written. */
    static String savedNote(String checkpointDir, long steps) {
        if (checkpointDir == null) {
            return "the trained parameters were not saved (--checkpoint-dir keeps them across such failures)";
        }
        return "the trained parameters are in checkpoint " + Checkpoint.directoryName(steps) + " in " + checkpointDir
                + " (train --resume with the same options writes the model from it, without training)";
    }
}
