package org.convspark.driver;

import org.convspark.driver.round.FaultInjection;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.optim.OptimizerConfig;

/**
 * How a {@link DistributedTrainer} runs, built with {@link #builder()} and validated by
 * {@link Builder#build()} (errors name the option). Immutable.
 *
 * <ul>
 *   <li>{@code epochs}, {@code batchSize} (the GLOBAL batch, split over partitions), {@code seed}
 *       (batches, dropout and initial parameters), {@code optimizer};</li>
 *   <li>{@code treeDepth}: depth of the gradient {@code treeAggregate} (2 is Spark's default);</li>
 *   <li>{@code allReduce}: how a step's partition gradients are summed, {@link AllReduce#AUTO} (the
 *       default: barrier where the cluster allows it, see {@link AllReduceChoice}), {@link
 *       AllReduce#TREE} (a {@code treeAggregate} job per step) or {@link AllReduce#BARRIER}
 *       (long-running barrier tasks all-reducing among themselves; same update, far less Spark
 *       overhead per step);</li>
 *   <li>{@code syncEvery}: 1 is exact synchronous SGD; k &gt; 1 lets every partition take k local
 *       steps before the driver averages parameters (fewer Spark jobs, not the same result);</li>
 *   <li>{@code threadsPerTask}: engine threads a task splits its share of each batch over (each
 *       with its own network, gradients summed in a fixed order: results differ from one thread by
 *       float rounding only); 0, the default, takes {@code spark.task.cpus}, in local mode the
 *       local cores per partition when that is more. Native BLAS should
 *       then run single-threaded ({@code OPENBLAS_NUM_THREADS=1}, what the scripts set);</li>
 *   <li>{@code maxSteps}: stop after this many global steps (0: run all epochs);</li>
 *   <li>{@code checkpointDir} (any Hadoop file system URI), {@code checkpointEvery} steps (0: only
 *       at the end), {@code resume} (continue from the newest valid checkpoint there);</li>
 *   <li>{@code augmentation}: random crop and flip of training samples, each a pure function of
 *       (seed, epoch, sample index), so independent of the partitioning (default none);</li>
 *   <li>{@code warmUpSteps}: at most this many training steps, thrown away, before the first epoch
 *       when a barrier round runs the whole run ({@link org.convspark.driver.round.RoundWarmUp}; 0:
 *       none); by default {@value #WARM_UP_STEPS_PROPERTY} from the driver's Java properties, else
 *       256. Not part of the trajectory: the parameters are the same with any count;</li>
 *   <li>{@code faultInjection}: TEST ONLY, see {@link FaultInjection}.</li>
 * </ul>
 */
public final class TrainerConfig {
    /** The driver's Java property giving {@code warmUpSteps} when the builder is not told. */
    public static final String WARM_UP_STEPS_PROPERTY = "convspark.warmUp.steps";
    /** Warm-up steps a round's message keys can hold, its evaluation's key the last. */
    private static final int MAX_WARM_UP_STEPS = org.convspark.driver.collective.PeerGroup.WARM_UP_KEY_SPAN - 1;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final OptimizerConfig optimizer;
    private final int treeDepth;
    private final AllReduce allReduce;
    private final int syncEvery;
    private final int threadsPerTask;
    private final long maxSteps;
    private final String checkpointDir;
    private final int checkpointEvery;
    private final boolean resume;
    private final Augmentation augmentation;
    private final FaultInjection faultInjection;
    private final int warmUpSteps;

    private TrainerConfig(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.optimizer = b.optimizer;
        this.treeDepth = b.treeDepth;
        this.allReduce = b.allReduce;
        this.syncEvery = b.syncEvery;
        this.threadsPerTask = b.threadsPerTask;
        this.maxSteps = b.maxSteps;
        this.checkpointDir = b.checkpointDir;
        this.checkpointEvery = b.checkpointEvery;
        this.resume = b.resume;
        this.augmentation = b.augmentation;
        this.faultInjection = b.faultInjection;
        this.warmUpSteps = b.warmUpSteps != null ? b.warmUpSteps
                : Math.max(0, Math.min(MAX_WARM_UP_STEPS, Integer.getInteger(WARM_UP_STEPS_PROPERTY, 256)));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    public OptimizerConfig optimizer() {
        return optimizer;
    }

    public int treeDepth() {
        return treeDepth;
    }

    public AllReduce allReduce() {
        return allReduce;
    }

    public int syncEvery() {
        return syncEvery;
    }

    /** 0: {@code spark.task.cpus} (in local mode the local cores per partition when that is more). */
    public int threadsPerTask() {
        return threadsPerTask;
    }

    public long maxSteps() {
        return maxSteps;
    }

    /** Null when checkpointing is off. */
    public String checkpointDir() {
        return checkpointDir;
    }

    public int checkpointEvery() {
        return checkpointEvery;
    }

    public boolean resume() {
        return resume;
    }

    /** How training samples are augmented ({@link Augmentation#NONE}: not). */
    public Augmentation augmentation() {
        return augmentation;
    }

    /** Most warm-up steps before the first epoch (see the class comment). */
    public int warmUpSteps() {
        return warmUpSteps;
    }

    /** Null unless a test asked for a fault. */
    public FaultInjection faultInjection() {
        return faultInjection;
    }

    /** The settings that determine the trajectory, as recorded in a checkpoint and in metrics. */
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("epochs", epochs)
                .put("batch_size", batchSize)
                .put("seed", seed)
                .put("optimizer", org.convspark.engine.optim.Optimizers.create(optimizer).toString())
                .put("tree_depth", treeDepth)
                .put("all_reduce", allReduce.toString())
                .put("sync_every", syncEvery)
                .put("max_steps", maxSteps)
                .put("checkpoint_every", checkpointEvery);
        if (!augmentation.isNone()) {
            // Only when on: checkpoints of runs without it keep the config they were written with.
            b.put("augment", augmentation.toString());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /**
     * Builder with defaults: 1 epoch, batch 64, seed 1, SGD lr 0.01, tree depth 2, all-reduce auto, syncEvery 1,
     * threads per task from {@code spark.task.cpus}.
     */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 64;
        private long seed = 1;
        private OptimizerConfig optimizer = OptimizerConfig.of("sgd", 0.01);
        private int treeDepth = 2;
        private AllReduce allReduce = AllReduce.AUTO;
        private int syncEvery = 1;
        private int threadsPerTask;
        private long maxSteps;
        private String checkpointDir;
        private int checkpointEvery;
        private boolean resume;
        private Augmentation augmentation = Augmentation.NONE;
        private FaultInjection faultInjection;
        private Integer warmUpSteps;

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder optimizer(OptimizerConfig value) {
            optimizer = value;
            return this;
        }

        public Builder treeDepth(int value) {
            treeDepth = value;
            return this;
        }

        public Builder allReduce(AllReduce value) {
            allReduce = value;
            return this;
        }

        public Builder syncEvery(int value) {
            syncEvery = value;
            return this;
        }

        /** Engine threads per task; 0 takes {@code spark.task.cpus} (local mode: cores per partition if more). */
        public Builder threadsPerTask(int value) {
            threadsPerTask = value;
            return this;
        }

        public Builder maxSteps(long value) {
            maxSteps = value;
            return this;
        }

        public Builder checkpointDir(String value) {
            checkpointDir = value;
            return this;
        }

        public Builder checkpointEvery(int value) {
            checkpointEvery = value;
            return this;
        }

        public Builder resume(boolean value) {
            resume = value;
            return this;
        }

        public Builder augmentation(Augmentation value) {
            augmentation = value;
            return this;
        }

        /** At most this many warm-up steps (0: none), instead of {@value TrainerConfig#WARM_UP_STEPS_PROPERTY}'s count. */
        public Builder warmUpSteps(int value) {
            warmUpSteps = value;
            return this;
        }

        /** TEST ONLY: fail one task's first attempt (see {@link FaultInjection}). */
        public Builder faultInjection(FaultInjection value) {
            faultInjection = value;
            return this;
        }

        public TrainerConfig build() {
            atLeast("epochs", epochs, 1);
            atLeast("batch_size", batchSize, 1);
            atLeast("tree_depth", treeDepth, 1);
            atLeast("sync_every", syncEvery, 1);
            atLeast("threads_per_task", threadsPerTask, 0);
            atLeast("max_steps", maxSteps, 0);
            atLeast("checkpoint_every", checkpointEvery, 0);
            if (warmUpSteps != null) {
                atLeast("warm_up_steps", warmUpSteps, 0);
                if (warmUpSteps > MAX_WARM_UP_STEPS) {
                    throw new UserInputException("warm_up_steps must be <= " + MAX_WARM_UP_STEPS + ", got "
                            + warmUpSteps);
                }
            }
            if (allReduce == null) {
                throw new UserInputException("all_reduce must be given (auto, tree or barrier)");
            }
            if (allReduce == AllReduce.BARRIER && syncEvery > 1) {
                throw new UserInputException("sync_every " + syncEvery + " (local steps and parameter averaging) "
                        + "and all_reduce barrier (exact synchronous steps) exclude each other; choose one");
            }
            if (optimizer == null) {
                throw new UserInputException("optimizer must be given");
            }
            if (augmentation == null) {
                throw new UserInputException("augmentation must be given (Augmentation.NONE for none)");
            }
            if ((checkpointEvery > 0 || resume) && (checkpointDir == null || checkpointDir.isBlank())) {
                throw new UserInputException((resume ? "resume" : "checkpoint_every")
                        + " needs checkpoint_dir");
            }
            return new TrainerConfig(this);
        }

        private static void atLeast(String option, long value, long min) {
            if (value < min) {
                throw new UserInputException(option + " must be >= " + min + ", got " + value);
            }
        }
    }
}
