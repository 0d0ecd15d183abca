package org.convspark.driver.options;

import java.util.List;
import java.util.Locale;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.optim.OptimizerConfig;

/**
 * Every training option, each declared once: the command line's {@code train} options, the Spark
 * ML estimator's params, {@code metrics.json}'s {@code config} keys and the validation all come
 * from this list ({@link TrainingSettings} applies it). The defaults are the command line's, tuned
 * for LeNet-5 on the embedded MNIST subset (12 epochs of batch 128, adam at 0.004 with a cosine
 * schedule: 97.5-97.7% test accuracy); the Spark ML estimator has the same ones.
 */
public final class TrainingOptions {
    public static final TrainingOption<Integer> EPOCHS = TrainingOption.integer("epochs", 12, "N",
            "Passes over the training data").atLeast(1);
    public static final TrainingOption<Integer> BATCH_SIZE = TrainingOption.integer("batchSize", 128, "B",
            "GLOBAL batch per step, split over the partitions").atLeast(1);
    public static final TrainingOption<String> OPTIMIZER = TrainingOption.text("optimizer", "adam", "NAME",
            "sgd, momentum, nesterov, adam or adamw").oneOf(OptimizerConfig.NAMES,
            "unknown; choose one of " + String.join(", ", OptimizerConfig.NAMES));
    public static final TrainingOption<Double> LR = TrainingOption.decimal("lr", null, "X", "Base learning rate")
            .rule(v -> v > 0 && !Double.isInfinite(v) ? null : "the learning rate must be a positive number")
            .derivedDefault("0.004 for adam and adamw, 0.05 otherwise");
    public static final TrainingOption<Double> MOMENTUM = TrainingOption.decimal("momentum", null, "X",
            "Momentum of the momentum and nesterov optimizers")
            .rule(v -> v >= 0 && v < 1 ? null : "must be in [0, 1)").derivedDefault("0.9");
    public static final TrainingOption<Double> WEIGHT_DECAY = TrainingOption.decimal("weightDecay", null, "X",
            "L2 weight decay; decoupled for adamw").rule(v -> v >= 0 && !Double.isInfinite(v) ? null
            : "must be >= 0").derivedDefault("0, adamw 0.01");
    public static final TrainingOption<Double> CLIP_NORM = TrainingOption.decimal("clipNorm", 0.0, "X",
            "Clip each step's gradient to this global L2 norm (0: no clipping)")
            .rule(v -> v >= 0 && !Double.isInfinite(v) ? null : "must be >= 0");
    public static final TrainingOption<String> SCHEDULE = TrainingOption.text("schedule", "cosine",
            "constant|step:EVERY:GAMMA|cosine[:FLOOR]", "Learning-rate schedule over the run's steps")
            .parsedBy(ScheduleOption::parse);
    public static final TrainingOption<Long> WARMUP = TrainingOption.longValue("warmup", 0L, "STEPS",
            "Linear learning-rate warm-up over the first STEPS steps").atLeast(0);
    public static final TrainingOption<String> AUGMENT = TrainingOption.text("augment", "none", "none|crop:P,flip",
            "Augment training samples: a random crop after zero padding of P and/or a random horizontal flip, "
                    + "each drawn from (seed, epoch, sample index), so the same for any partitioning; never test "
                    + "or scored data").parsedBy(Augmentation::parse);
    public static final TrainingOption<Long> SEED = TrainingOption.longValue("seed", 1L, "N",
            "Seed of the initial parameters, batch order and dropout");
    public static final TrainingOption<Integer> PARTITIONS = TrainingOption.integer("partitions", null, "P",
            "Partitions of the training data").atLeast(1)
            .derivedDefault("Spark's default parallelism, the executor cores");
    public static final TrainingOption<Integer> TREE_DEPTH = TrainingOption.integer("treeDepth", 2, "D",
            "Depth of the gradient treeAggregate").atLeast(1);
    public static final TrainingOption<String> ALL_REDUCE = TrainingOption.text("allReduce", "auto", "MODE",
            "How each step's gradients are summed: barrier (barrier jobs, each to the next checkpoint, whose tasks "
                    + "all-reduce among themselves each step: far less Spark overhead; needs a task slot per "
                    + "partition and no dynamic allocation), tree (a treeAggregate job per step) or auto (barrier "
                    + "where the cluster allows it, else tree, saying why); the same result")
            .rule(v -> List.of("auto", "tree", "barrier").contains(v.trim().toLowerCase(Locale.ROOT)) ? null
                    : "unknown; choose auto, tree or barrier");
    public static final TrainingOption<Integer> SYNC_EVERY = TrainingOption.integer("syncEvery", 1, "K",
            "1: exact synchronous SGD; k > 1: k local steps per partition, then parameter averaging").atLeast(1);
    public static final TrainingOption<Integer> THREADS_PER_TASK = TrainingOption.integer("threadsPerTask", 0, "T",
            "Engine threads a task splits its share of each batch over (0: spark.task.cpus, or with a local "
                    + "master its cores per partition when more); with fewer partitions than cores, or "
                    + "spark.task.cpus > 1, this uses the spare cores").atLeast(0);
    public static final TrainingOption<Long> MAX_STEPS = TrainingOption.longValue("maxSteps", 0L, "N",
            "Stop after this many steps (0: run all epochs)").atLeast(0);
    public static final TrainingOption<String> CHECKPOINT_DIR = TrainingOption.text("checkpointDir", null, "DIR",
            "Checkpoint directory on any Hadoop file system (local, hdfs://, s3a://)").derivedDefault("none");
    public static final TrainingOption<Integer> CHECKPOINT_EVERY = TrainingOption.integer("checkpointEvery", 0,
            "STEPS", "Checkpoint every STEPS steps (0: only at the end, when checkpointDir is given)").atLeast(0);
    public static final TrainingOption<Boolean> RESUME = TrainingOption.flag("resume",
            "Continue from the newest valid checkpoint in checkpointDir");

    /** In the order the command line's help, the params and {@code metrics.json} list them. */
    public static final List<TrainingOption<?>> ALL = List.of(EPOCHS, BATCH_SIZE, OPTIMIZER, LR, MOMENTUM,
            WEIGHT_DECAY, CLIP_NORM, SCHEDULE, WARMUP, AUGMENT, SEED, PARTITIONS, TREE_DEPTH, ALL_REDUCE, SYNC_EVERY,
            THREADS_PER_TASK, MAX_STEPS, CHECKPOINT_DIR, CHECKPOINT_EVERY, RESUME);

    private TrainingOptions() {
    }

    /** The option called {@code name} (its Spark ML spelling), or null. */
    public static TrainingOption<?> named(String name) {
        for (TrainingOption<?> o : ALL) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
