package org.convspark.bench.allreduce;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.AllReduce;
import org.convspark.driver.DistributedTrainer;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.train.StepTiming;

/**
 * Whole training steps on the collective, to check the cost model on real steps and not only on
 * the bare all-reduce: a model trained by {@link DistributedTrainer} with {@link AllReduce#BARRIER}
 * on the session's P executor JVMs at a global batch, on random images of its input shape (the
 * values do not change the work). A step's time is the difference of two runs' wall times (warm-up
 * steps alone, and warm-up plus measured steps, each one barrier round) divided by the measured
 * steps, so the round's start (broadcast, joins) cancels out; an untimed run before both caches
 * the shards. Before them the engine is timed in every executor at once ({@link Result}).
 */
final class StepScaling {
    /**
     * A measured step, with what the engine took in the executors when all P ran it at once
     * ({@link StepTiming} of a task's share, the slowest executor's): the compute side of the
     * prediction, measured under the same sharing of this machine's cores as the step.
     */
    record Result(String model, int executors, int globalBatch, double stepMillis, double secondsPerSample,
                  double optimizerSeconds) {
        JsonValue toJson() {
            return JsonObject.builder().put("model", model).put("executors", executors)
                    .put("global_batch", globalBatch).put("step_ms", stepMillis)
                    .put("executor_seconds_per_sample", secondsPerSample)
                    .put("executor_optimizer_seconds", optimizerSeconds).build();
        }

        static Result fromJson(JsonObject o) {
            return new Result(o.require("model").asString(), o.require("executors").asInt(),
                    o.require("global_batch").asInt(), o.require("step_ms").asDouble(),
                    o.require("executor_seconds_per_sample").asDouble(),
                    o.require("executor_optimizer_seconds").asDouble());
        }
    }

    private StepScaling() {
    }

    static Result measure(JavaSparkContext sc, String model, int executors, int globalBatch, int warmup, int steps) {
        ModelSpec spec = ComputeCost.spec(model);
        LabelledImages data = random(spec, globalBatch * Math.max(6 * warmup, warmup + steps));
        ShardedDataset shards = ShardedDataset.fromArrays(sc, data, executors);
        try {
            double[] engine = engineInExecutors(sc, model, executors, (globalBatch + executors - 1) / executors);
            run(sc, spec, shards, globalBatch, 6 * warmup); // caches the shards, warms the round's code
            long warm = run(sc, spec, shards, globalBatch, warmup);
            long both = run(sc, spec, shards, globalBatch, warmup + steps);
            return new Result(model, executors, globalBatch, (both - warm) / 1e6 / steps, engine[0], engine[1]);
        } finally {
            shards.release();
        }
    }

    /**
     * {@link StepTiming} of {@code share} samples in every executor at once (one task each, so all P
     * run together, as in a step): the slowest executor's seconds per sample and optimizer step.
     * It also warms the executors' JITs for the runs that follow.
     */
    private static double[] engineInExecutors(JavaSparkContext sc, String model, int executors, int share) {
        List<double[]> timings = ClusterSession.slots(sc, executors).map(p -> {
            StepTiming t = StepTiming.measure(ComputeCost.spec(model), share, 5);
            return new double[] {t.secondsPerSample(), t.optimizerSeconds()};
        }).collect();
        double[] slowest = new double[2];
        for (double[] t : timings) {
            slowest[0] = Math.max(slowest[0], t[0]);
            slowest[1] = Math.max(slowest[1], t[1]);
        }
        return slowest;
    }

    /**
     * A barrier run's wall time, without the first round's warm-up steps: they stop on time, so two
     * runs' would not cancel in {@link #measure}'s difference.
     */
    private static long run(JavaSparkContext sc, ModelSpec spec, ShardedDataset shards, int batch, int steps) {
        TrainerConfig config = TrainerConfig.builder().epochs(1).batchSize(batch).maxSteps(steps)
                .optimizer(OptimizerConfig.of("adam", 1e-3)).allReduce(AllReduce.BARRIER).warmUpSteps(0).build();
        long begin = System.nanoTime();
        new DistributedTrainer(sc, spec, config).withLog(line -> { }).fit(shards);
        return System.nanoTime() - begin;
    }

    private static LabelledImages random(ModelSpec spec, int count) {
        SplittableRandom random = new SplittableRandom(9);
        float[] pixels = new float[count * spec.input().size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        int classes = new org.convspark.engine.model.Network(spec).numClasses();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new LabelledImages(spec.input(), pixels, labels, classes);
    }
}
