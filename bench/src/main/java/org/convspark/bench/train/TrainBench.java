package org.convspark.bench.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convspark.bench.BenchMain;
import org.convspark.driver.AllReduce;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.TrainingResult;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelZoo;

/**
 * {@code bench/train}'s measurements, printed as one table (run through the script, which sets
 * the class path and {@code OPENBLAS_NUM_THREADS=1}):
 * <pre>
 *   TrainBench [--quick] [--repeats N] [--data DIR]
 * </pre>
 * LeNet-5 on Fashion-MNIST at batch 64, 256 and 512: the engine alone on 1 thread (the baseline,
 * 1.00x at batch 64) and 2 threads, Spark {@code local[2]} with 2 partitions, and with 1
 * partition split over 2 engine threads, each with the gradients summed by {@code treeAggregate}
 * and by the default all-reduce (auto: barrier rounds here); the repeats are interleaved so that a change of machine load hits
 * every configuration alike, and medians are printed. Then the fixed cost of one Spark step and
 * the batch-512 recipe's accuracy run (default all-reduce, 2 partitions), 5 epochs with a test
 * evaluation after each.
 * {@code --quick}: fewer images, one repeat, an accuracy run of 20 steps (a smoke run).
 */
public final class TrainBench {
    private static final int[] BATCHES = {64, 256, 512};
    private static final double TARGET = 0.89;
    private static final String MASTER = "local[2]";
    /** The tree path, and the default (auto), which picks barrier rounds in local[2] with 1 or 2 partitions. */
    private static final AllReduce[] MODES = {AllReduce.TREE, AllReduce.AUTO};

    private TrainBench() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        int repeats = 3;
        Path data = FashionMnist.DEFAULT_DIRECTORY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--repeats" -> repeats = Integer.parseInt(value(args, ++i, "--repeats"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: TrainBench [--quick] [--repeats N] [--data DIR]");
            }
        }
        if (quick) {
            repeats = 1;
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        int imagesPerMeasurement = quick ? 2_048 : 15_360;
        FashionMnist mnist = FashionMnist.read(data);
        ModelSpec lenet = ModelZoo.get("lenet5");
        // The throughput runs use the accuracy recipe's optimizer: Adam's update is part of a step's cost.
        OptimizerConfig optimizer = Recipe.BATCH_512.optimizerConfig(mnist.train().count());
        double loadBefore = BenchMain.loadAverage();
        System.err.println("bench/train: warming up the JIT ...");
        EngineRun engine = new EngineRun(lenet, optimizer, mnist.train());
        engine.imagesPerSecond(64, 1, 1, quick ? 20 : 150);

        try (SparkRun spark = new SparkRun(MASTER)) {
            ShardedDataset twoPartitions = spark.shard(mnist.train(), 2);
            ShardedDataset onePartition = spark.shard(mnist.train(), 1);
            List<Throughput> rows = new ArrayList<>();
            List<String> sparkRows = List.of("2 partitions x 1 thread", "1 partition x 2 threads");
            int perBatch = 2 + 2 * sparkRows.size();
            for (int batch : BATCHES) {
                rows.add(new Throughput("engine alone, 1 thread", batch, new double[repeats]));
                rows.add(new Throughput("engine alone, 2 threads", batch, new double[repeats]));
                for (AllReduce mode : MODES) {
                    for (String layout : sparkRows) {
                        rows.add(new Throughput("Spark " + MASTER + ", " + layout + ", " + mode, batch,
                                new double[repeats]));
                    }
                }
            }
            for (int r = 0; r < repeats; r++) {
                for (int b = 0; b < BATCHES.length; b++) {
                    int batch = BATCHES[b];
                    int steps = Math.max(8, imagesPerMeasurement / batch);
                    int warmup = 3;
                    System.err.printf("bench/train: repeat %d/%d, batch %d ...%n", r + 1, repeats, batch);
                    int row = perBatch * b;
                    rows.get(row++).imagesPerSecond()[r] = engine.imagesPerSecond(batch, 1, warmup, steps);
                    rows.get(row++).imagesPerSecond()[r] = engine.imagesPerSecond(batch, 2, warmup, steps);
                    for (AllReduce mode : MODES) {
                        rows.get(row++).imagesPerSecond()[r] = spark.imagesPerSecond(lenet, optimizer, twoPartitions,
                                batch, 1, mode, warmup, steps);
                        rows.get(row++).imagesPerSecond()[r] = spark.imagesPerSecond(lenet, optimizer, onePartition,
                                batch, 2, mode, warmup, steps);
                    }
                }
            }
            onePartition.release();
            List<String> notes = new ArrayList<>();
            for (int b = 0; b < BATCHES.length; b++) {
                int first = perBatch * b;
                Throughput engine2 = rows.get(first + 1);
                for (int m = 0; m < MODES.length; m++) {
                    notes.add(String.format("Spark %s, %s all-reduce / engine alone 2 threads at batch %d: %.2f with 2 "
                                    + "partitions x 1 thread, %.2f with 1 partition x 2 threads%s",
                            MASTER, MODES[m], engine2.batch(),
                            rows.get(first + 2 + 2 * m).median() / engine2.median(),
                            rows.get(first + 3 + 2 * m).median() / engine2.median(),
                            MODES[m] == AllReduce.AUTO && engine2.batch() != 256
                                    ? " (target for the default: >= " + (engine2.batch() == 64 ? "0.85)" : "0.95)")
                                    : ""));
                }
            }

            System.err.println("bench/train: Spark step fixed cost ...");
            StepCost.Result cost = StepCost.measure(spark, lenet, mnist.train(), 2, 10, quick ? 20 : 100);

            Recipe recipe = Recipe.BATCH_512;
            System.err.println("bench/train: accuracy run " + recipe.asOptions() + " ...");
            ShardedDataset test = spark.shard(mnist.test(), 2);
            TrainerConfig.Builder config = TrainerConfig.builder().epochs(recipe.epochs()).batchSize(recipe.batch())
                    .seed(1).optimizer(recipe.optimizerConfig(mnist.train().count()));
            if (quick) {
                config.epochs(1).maxSteps(20);
            }
            List<String> log = new ArrayList<>();
            TrainingResult accuracy = spark.fit(lenet, config.build(), twoPartitions, test, log);
            double loadAfter = BenchMain.loadAverage();

            String header = String.format("bench/train: LeNet-5 on Fashion-MNIST (%d train, %d test images)%s; "
                            + "medians of %d repeat%s, %d images each; GEMM %s, OPENBLAS_NUM_THREADS=%s; "
                            + "load average %.2f before, %.2f after", mnist.train().count(), mnist.test().count(),
                    quick ? " [--quick]" : "", repeats, repeats == 1 ? "" : "s", imagesPerMeasurement,
                    Gemm.defaultGemm().name(), System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset"),
                    loadBefore, loadAfter);
            new TrainTable(header, rows, rows.get(0)).print(System.out, notes, cost,
                    "Spark " + MASTER + ", 2 partitions", recipe,
                    "Spark " + MASTER + ", 2 partitions, default all-reduce" + (quick ? ", --quick: 20 steps only"
                            : ""), accuracy,
                    TARGET);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
