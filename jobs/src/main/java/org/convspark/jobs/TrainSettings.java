package org.convspark.jobs;

import org.convspark.driver.AllReduce;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.optim.OptimizerConfig;

/**
 * The numeric options of {@code train}, checked before anything starts (each error names the
 * option and the value), and turned into the driver's {@link TrainerConfig} once the size of the
 * training data (which cosine schedules need) is known.
 */
record TrainSettings(int epochs, int batchSize, String optimizer, double lr, Double momentum, Double weightDecay,
                     ScheduleOption schedule, long warmup, long seed, Integer partitions, int treeDepth,
                     AllReduce allReduce, int syncEvery, int threadsPerTask, long maxSteps, String checkpointDir, int checkpointEvery, boolean resume) {

    /**
     * Learning rates when --lr is not given, tuned with the other defaults (batch 128, 12 epochs,
     * cosine schedule) for LeNet-5 on the embedded MNIST subset: 0.004 for adam and adamw (97.5-97.6%
     * test accuracy), 0.05 for the SGD family.
     */
    static double defaultLr(String optimizer) {
        return optimizer.startsWith("adam") ? 0.004 : 0.05;
    }

    TrainSettings {
        atLeast("--epochs", epochs, 1);
        atLeast("--batch-size", batchSize, 1);
        if (!OptimizerConfig.NAMES.contains(optimizer)) {
            throw new UserError("--optimizer " + optimizer + ": unknown; choose one of "
                    + String.join(", ", OptimizerConfig.NAMES));
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UserError("--lr " + lr + ": the learning rate must be a positive number");
        }
        if (momentum != null && !(momentum >= 0 && momentum < 1)) {
            throw new UserError("--momentum " + momentum + ": must be in [0, 1)");
        }
        if (momentum != null && momentum > 0 && !optimizer.equals("momentum") && !optimizer.equals("nesterov")) {
            throw new UserError("--momentum applies to the momentum and nesterov optimizers, not " + optimizer);
        }
        if (weightDecay != null && !(weightDecay >= 0) || weightDecay != null && Double.isInfinite(weightDecay)) {
            throw new UserError("--weight-decay " + weightDecay + ": must be >= 0");
        }
        atLeast("--warmup", warmup, 0);
        if (partitions != null) {
            atLeast("--partitions", partitions, 1);
        }
        atLeast("--tree-depth", treeDepth, 1);
        atLeast("--sync-every", syncEvery, 1);
        if (allReduce == AllReduce.BARRIER && syncEvery > 1) {
            throw new UserError("--sync-every " + syncEvery + " (local steps) and --all-reduce barrier (exact "
                    + "synchronous steps) exclude each other; choose one");
        }
        atLeast("--threads-per-task", threadsPerTask, 0);
        atLeast("--max-steps", maxSteps, 0);
        atLeast("--checkpoint-every", checkpointEvery, 0);
        if ((checkpointEvery > 0 || resume) && checkpointDir == null) {
            throw new UserError((resume ? "--resume" : "--checkpoint-every") + " needs --checkpoint-dir");
        }
        // The engine checks what only the combination can tell (nesterov without momentum, a cosine floor above lr).
        try {
            optimizer(optimizer, lr, momentum, weightDecay, schedule, warmup, 1);
        } catch (IllegalArgumentException e) {
            throw new UserError("--optimizer " + optimizer + ": " + e.getMessage(), e);
        }
    }

    private static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new UserError(option + " " + value + ": must be >= " + min);
        }
    }

    OptimizerConfig optimizerConfig(long totalSteps) {
        return optimizer(optimizer, lr, momentum, weightDecay, schedule, warmup, totalSteps);
    }

    private static OptimizerConfig optimizer(String optimizer, double lr, Double momentum, Double weightDecay,
                                             ScheduleOption schedule, long warmup, long totalSteps) {
        OptimizerConfig config = OptimizerConfig.of(optimizer, lr);
        if (momentum != null) {
            config = config.withMomentum(momentum);
        }
        if (weightDecay != null) {
            config = config.withWeightDecay(weightDecay);
        }
        return config.withSchedule(schedule.toConfig(totalSteps, warmup));
    }

    /** Steps the run takes over {@code trainCount} samples (what a cosine schedule spans). */
    long totalSteps(int trainCount) {
        return BatchSchedule.totalSteps(trainCount, batchSize, epochs, maxSteps);
    }

    TrainerConfig trainerConfig(int trainCount) {
        if (batchSize > trainCount) {
            throw new UserError("--batch-size " + batchSize + ": larger than the " + trainCount + " training samples");
        }
        TrainerConfig.Builder b = TrainerConfig.builder()
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(seed)
                .optimizer(optimizerConfig(totalSteps(trainCount)))
                .treeDepth(treeDepth)
                .allReduce(allReduce)
                .syncEvery(syncEvery)
                .threadsPerTask(threadsPerTask)
                .maxSteps(maxSteps)
                .checkpointEvery(checkpointEvery)
                .resume(resume);
        if (checkpointDir != null) {
            b.checkpointDir(checkpointDir);
        }
        return b.build();
    }

    /** The options as metrics.json records them. */
    JsonObject.Builder toJson() {
        OptimizerConfig o = optimizerConfig(1);
        JsonObject.Builder b = JsonObject.builder()
                .put("epochs", epochs)
                .put("batch_size", batchSize)
                .put("optimizer", optimizer)
                .put("lr", lr)
                .put("momentum", o.momentum())
                .put("weight_decay", o.weightDecay())
                .put("schedule", schedule.toString())
                .put("warmup", warmup)
                .put("seed", seed)
                .put("tree_depth", treeDepth)
                .put("all_reduce", allReduce.toString())
                .put("sync_every", syncEvery)
                .put("threads_per_task", threadsPerTask)
                .put("max_steps", maxSteps)
                .put("checkpoint_every", checkpointEvery)
                .put("resume", resume);
        if (checkpointDir != null) {
            b.put("checkpoint_dir", checkpointDir);
        }
        return b;
    }
}
