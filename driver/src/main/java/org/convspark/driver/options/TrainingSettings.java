package org.convspark.driver.options;

import java.util.LinkedHashMap;
import java.util.Map;
import org.convspark.driver.AllReduce;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.optim.OptimizerConfig;

/**
 * The training options of one run, as a surface gave them, checked against {@link TrainingOptions}
 * (each option's rule, then the rules between options) with every error naming the option as
 * that surface spells it; then turned into the driver's {@link TrainerConfig} once the size of
 * the training data (which a cosine schedule spans) is known, and into {@code metrics.json}'s
 * record. Immutable.
 */
public final class TrainingSettings {
    private final Map<TrainingOption<?>, Object> values;
    private final Surface surface;

    private TrainingSettings(Map<TrainingOption<?>, Object> values, Surface surface) {
        this.values = values;
        this.surface = surface;
    }

    /**
     * The settings {@code given} (by option, a null value or a missing key meaning "not given"),
     * defaults filled in; a {@link UserInputException} names the first option that is wrong.
     */
    public static TrainingSettings of(Map<TrainingOption<?>, ?> given, Surface surface) {
        Map<TrainingOption<?>, Object> values = new LinkedHashMap<>();
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            Object value = given.get(option);
            if (value != null) {
                String problem = option.problem(value);
                if (problem != null) {
                    throw new UserInputException(surface.spell(option) + " " + value + ": " + problem);
                }
            }
            values.put(option, value != null ? value : option.defaultValue());
        }
        TrainingSettings settings = new TrainingSettings(values, surface);
        settings.checkCombinations();
        return settings;
    }

    /** The value of {@code option}: given, else its default; null when it has neither. */
    public <T> T get(TrainingOption<T> option) {
        return option.cast(values.get(option));
    }

    private String spell(TrainingOption<?> option) {
        return surface.spell(option);
    }

    private void checkCombinations() {
        String optimizer = get(TrainingOptions.OPTIMIZER);
        Double momentum = get(TrainingOptions.MOMENTUM);
        if (momentum != null && momentum > 0 && !optimizer.equals("momentum") && !optimizer.equals("nesterov")) {
            throw new UserInputException(spell(TrainingOptions.MOMENTUM) + " applies to the momentum and nesterov "
                    + "optimizers, not " + optimizer);
        }
        int syncEvery = get(TrainingOptions.SYNC_EVERY);
        if (allReduce() == AllReduce.BARRIER && syncEvery > 1) {
            throw new UserInputException(spell(TrainingOptions.SYNC_EVERY) + " " + syncEvery + " (local steps) and "
                    + spell(TrainingOptions.ALL_REDUCE) + " barrier (exact synchronous steps) exclude each other; "
                    + "choose one");
        }
        boolean resume = get(TrainingOptions.RESUME);
        if ((get(TrainingOptions.CHECKPOINT_EVERY) > 0 || resume) && get(TrainingOptions.CHECKPOINT_DIR) == null) {
            throw new UserInputException(spell(resume ? TrainingOptions.RESUME : TrainingOptions.CHECKPOINT_EVERY)
                    + " needs " + spell(TrainingOptions.CHECKPOINT_DIR));
        }
        // The engine checks what only the combination can tell (nesterov without momentum, a cosine floor above lr).
        try {
            optimizerConfig(1);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(spell(TrainingOptions.OPTIMIZER) + " " + optimizer + ": " + e.getMessage(),
                    e);
        }
    }

    /** The learning rate: given, else {@link #defaultLr} of the optimizer. */
    public double lr() {
        Double lr = get(TrainingOptions.LR);
        return lr != null ? lr : defaultLr(get(TrainingOptions.OPTIMIZER));
    }

    /**
     * The learning rate when none is given, tuned with the other defaults (batch 128, 12 epochs,
     * cosine) for LeNet-5 on the embedded MNIST subset: 0.004 for adam and adamw (97.5-97.7% test
     * accuracy), 0.05 for the SGD family.
     */
    public static double defaultLr(String optimizer) {
        return optimizer.startsWith("adam") ? 0.004 : 0.05;
    }

    public AllReduce allReduce() {
        return AllReduce.parse(get(TrainingOptions.ALL_REDUCE), spell(TrainingOptions.ALL_REDUCE));
    }

    /** Null: Spark's default parallelism. */
    public Integer partitions() {
        return get(TrainingOptions.PARTITIONS);
    }

    public int batchSize() {
        return get(TrainingOptions.BATCH_SIZE);
    }

    /** Null when checkpointing is off. */
    public String checkpointDir() {
        return get(TrainingOptions.CHECKPOINT_DIR);
    }

    /** The optimizer of a run of {@code totalSteps} steps (what a cosine schedule spans). */
    public OptimizerConfig optimizerConfig(long totalSteps) {
        OptimizerConfig config = OptimizerConfig.of(get(TrainingOptions.OPTIMIZER), lr());
        Double momentum = get(TrainingOptions.MOMENTUM);
        if (momentum != null) {
            config = config.withMomentum(momentum);
        }
        Double weightDecay = get(TrainingOptions.WEIGHT_DECAY);
        if (weightDecay != null) {
            config = config.withWeightDecay(weightDecay);
        }
        return config.withClipNorm(get(TrainingOptions.CLIP_NORM))
                .withSchedule(ScheduleOption.parse(get(TrainingOptions.SCHEDULE))
                        .toConfig(totalSteps, get(TrainingOptions.WARMUP)));
    }

    /** Steps the run takes over {@code trainCount} samples. */
    public long totalSteps(int trainCount) {
        return BatchSchedule.totalSteps(trainCount, batchSize(), get(TrainingOptions.EPOCHS),
                get(TrainingOptions.MAX_STEPS));
    }

    /** The driver's configuration for a run over {@code trainCount} training samples. */
    public TrainerConfig trainerConfig(int trainCount) {
        TrainerConfig.Builder b = TrainerConfig.builder()
                .epochs(get(TrainingOptions.EPOCHS))
                .batchSize(batchSize())
                .seed(get(TrainingOptions.SEED))
                .optimizer(optimizerConfig(totalSteps(trainCount)))
                .treeDepth(get(TrainingOptions.TREE_DEPTH))
                .allReduce(allReduce())
                .syncEvery(get(TrainingOptions.SYNC_EVERY))
                .threadsPerTask(get(TrainingOptions.THREADS_PER_TASK))
                .maxSteps(get(TrainingOptions.MAX_STEPS))
                .checkpointEvery(get(TrainingOptions.CHECKPOINT_EVERY))
                .resume(get(TrainingOptions.RESUME))
                .augmentation(Augmentation.parse(get(TrainingOptions.AUGMENT)));
        if (checkpointDir() != null) {
            b.checkpointDir(checkpointDir());
        }
        return b.build();
    }

    /**
     * The options as {@code metrics.json} records them, in declaration order: each option that has
     * a value, derived values (lr, momentum, weight decay) resolved, the schedule normalised.
     * Partitions are left to the caller, who knows the number actually used.
     */
    public JsonObject.Builder toJson() {
        OptimizerConfig o = optimizerConfig(1);
        JsonObject.Builder b = JsonObject.builder();
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            Object value = values.get(option);
            if (option == TrainingOptions.LR) {
                value = o.lr();
            } else if (option == TrainingOptions.MOMENTUM) {
                value = o.momentum();
            } else if (option == TrainingOptions.WEIGHT_DECAY) {
                value = o.weightDecay();
            } else if (option == TrainingOptions.SCHEDULE) {
                value = ScheduleOption.parse((String) value).toString();
            } else if (option == TrainingOptions.AUGMENT) {
                value = Augmentation.parse((String) value).toString();
            } else if (option == TrainingOptions.ALL_REDUCE) {
                value = allReduce().toString();
            } else if (option == TrainingOptions.PARTITIONS) {
                continue;
            }
            if (value instanceof Integer || value instanceof Long) {
                b.put(option.jsonName(), ((Number) value).longValue());
            } else if (value instanceof Double d) {
                b.put(option.jsonName(), d);
            } else if (value instanceof Boolean flag) {
                b.put(option.jsonName(), flag);
            } else if (value != null) {
                b.put(option.jsonName(), (String) value);
            }
        }
        return b;
    }
}
