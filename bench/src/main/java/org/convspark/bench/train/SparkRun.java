package org.convspark.bench.train;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.convspark.bench.Medians;
import org.convspark.driver.AllReduce;
import org.convspark.driver.DistributedTrainer;
import org.convspark.driver.SerializerSelfCheck;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.TrainingResult;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;

/**
 * Training through {@link DistributedTrainer} in one Spark session (a {@code local[N]} master,
 * the settings {@code bin/convspark} uses: Kryo with the convspark registrator, loopback, no UI).
 * Step times come from a step listener on the driver, so the JIT warm-up steps can be left out;
 * with barrier rounds (what {@link AllReduce#AUTO}, the default, picks here), from the difference of
 * two runs' wall times, one of the warm-up steps alone and one of warm-up and
 * measured steps (both a single round, so only the measured steps' cost remains).
 */
final class SparkRun implements AutoCloseable {
    private final SparkSession spark;
    private final JavaSparkContext sc;

    SparkRun(String master) {
        SparkConf conf = SerializerSelfCheck.configure(new SparkConf())
                .setMaster(master)
                .setAppName("convspark bench/train")
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        this.spark = SparkSession.builder().config(conf).getOrCreate();
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setLogLevel("WARN");
    }

    JavaSparkContext context() {
        return sc;
    }

    ShardedDataset shard(LabelledImages data, int partitions) {
        return ShardedDataset.fromArrays(sc, data, partitions);
    }

    /** Images per second over steps {@code [warmupSteps, warmupSteps + steps)} of a run (whole batches only). */
    double imagesPerSecond(ModelSpec spec, OptimizerConfig optimizer, ShardedDataset train, int batch,
                           int threadsPerTask, AllReduce mode, int warmupSteps, int steps) {
        checkWarmup(warmupSteps);
        long images = 0;
        for (int s = warmupSteps; s < warmupSteps + steps; s++) {
            images += batchSize(train.count(), batch, s);
        }
        TrainerConfig.Builder config = TrainerConfig.builder().epochs(epochsFor(train.count(), batch,
                warmupSteps + steps)).batchSize(batch).optimizer(optimizer).threadsPerTask(threadsPerTask)
                .allReduce(mode);
        if (mode != AllReduce.TREE) {
            return images / (barrierNanos(spec, config, train, warmupSteps, steps) / 1e9);
        }
        long[] marks = stepTimes(spec, config.maxSteps(warmupSteps + steps).build(), train);
        return images / ((marks[warmupSteps + steps] - marks[warmupSteps]) / 1e9);
    }

    /**
     * Wall time of steps {@code [warmupSteps, warmupSteps + steps)} of barrier runs: the difference of
     * two runs. Both without the first round's own warm-up steps: they stop on time, not on a count,
     * so two runs' warm-ups differ and would not cancel (a repeat read 224,514 images/s, 4.5x the
     * engine alone, with them); the runs before have warmed the JVM.
     */
    private long barrierNanos(ModelSpec spec, TrainerConfig.Builder config, ShardedDataset train, int warmupSteps,
                              int steps) {
        if (warmupSteps + steps > new BatchSchedule(1, train.count(), config.build().batchSize()).stepsPerEpoch()) {
            throw new IllegalArgumentException("a barrier measurement must fit in one epoch (one round)");
        }
        config.warmUpSteps(0);
        long begin = System.nanoTime();
        TrainingResult warmup = new DistributedTrainer(sc, spec, config.maxSteps(warmupSteps).build())
                .withLog(line -> { }).fit(train);
        long warmupOnly = System.nanoTime() - begin;
        if (warmup.allReduce().mode() != AllReduce.BARRIER) {
            throw new IllegalStateException("timed as barrier rounds, but the run chose " + warmup.allReduce().toLine());
        }
        begin = System.nanoTime();
        new DistributedTrainer(sc, spec, config.maxSteps(warmupSteps + steps).build()).withLog(line -> { })
                .fit(train);
        return System.nanoTime() - begin - warmupOnly;
    }

    /**
     * Milliseconds per step of barrier runs of {@code steps} steps after {@code warmupSteps} (one
     * round): the median of three differences, as a job's start varies by more than such steps take.
     */
    double barrierStepMillis(ModelSpec spec, ShardedDataset train, int batch, int warmupSteps, int steps) {
        checkWarmup(warmupSteps);
        TrainerConfig.Builder config = TrainerConfig.builder().epochs(epochsFor(train.count(), batch,
                warmupSteps + steps)).batchSize(batch).optimizer(OptimizerConfig.of("sgd", 0.01))
                .allReduce(AllReduce.BARRIER);
        double[] millis = new double[3];
        for (int r = 0; r < millis.length; r++) {
            millis[r] = barrierNanos(spec, config, train, warmupSteps, steps) / 1e6 / steps;
        }
        return Medians.of(millis);
    }

    /**
     * The wall time of each step after the first {@code warmupSteps}, in milliseconds: what one
     * step costs when it has (almost) nothing to compute.
     */
    double[] stepMillis(ModelSpec spec, ShardedDataset train, int batch, int warmupSteps, int steps) {
        checkWarmup(warmupSteps);
        long[] marks = stepTimes(spec, TrainerConfig.builder().epochs(epochsFor(train.count(), batch,
                warmupSteps + steps)).batchSize(batch).maxSteps(warmupSteps + steps)
                .optimizer(OptimizerConfig.of("sgd", 0.01)).allReduce(AllReduce.TREE).build(), train);
        double[] millis = new double[steps];
        for (int s = 0; s < steps; s++) {
            millis[s] = (marks[warmupSteps + s + 1] - marks[warmupSteps + s]) / 1e6;
        }
        return millis;
    }

    /** A full run with a test evaluation after every epoch (its history, one entry per epoch, and warm-up time). */
    TrainingResult fit(ModelSpec spec, TrainerConfig config, ShardedDataset train, ShardedDataset test,
                       List<String> log) {
        return new DistributedTrainer(sc, spec, config).withLog(log::add).fit(train, test);
    }

    /**
     * {@code marks[k]}: when the first {@code k} steps were done. The listener only sees the ends
     * of steps, so {@code marks[0]} is unknown (set to {@code marks[1]}): step 0 is always a
     * warm-up step, left out of every figure.
     */
    private long[] stepTimes(ModelSpec spec, TrainerConfig config, ShardedDataset train) {
        long[] marks = new long[(int) config.maxSteps() + 1];
        new DistributedTrainer(sc, spec, config).withLog(line -> { })
                .withStepListener((step, total, epoch, loss) -> marks[(int) step] = System.nanoTime())
                .fit(train);
        marks[0] = marks[1];
        return marks;
    }

    /** Enough epochs for {@code steps} steps (the run stops at maxSteps). */
    private static int epochsFor(int count, int batch, int steps) {
        return steps / new BatchSchedule(1, count, batch).stepsPerEpoch() + 1;
    }

    private static void checkWarmup(int warmupSteps) {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("at least 1 warm-up step is needed, got " + warmupSteps);
        }
    }

    private static int batchSize(int count, int batch, int step) {
        int inEpoch = step % new BatchSchedule(1, count, batch).stepsPerEpoch();
        return Math.min(batch, count - inEpoch * batch);
    }

    @Override
    public void close() {
        spark.stop();
    }
}
