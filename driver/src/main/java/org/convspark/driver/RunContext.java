package org.convspark.driver;

import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.metrics.TrainingProgress;
import org.convspark.driver.round.WorkerSpec;
import org.convspark.engine.optim.Optimizer;

/**
 * What the jobs of one fit share, whichever {@link RoundKind} runs them. {@code params} and
 * {@code optimizer} are the run's live state: a kind's steps leave them as they are after its
 * last step (the driver's copy of the parameters and optimizer state). {@code stepListener} tells
 * {@code progress} of each step before the caller's listener hears of it.
 */
record RunContext(JavaSparkContext sc, TrainerConfig config, String modelName, WorkerSpec worker,
                  ShardedDataset train, BatchSchedule schedule, float[] params, Optimizer optimizer, TrainingLog log,
                  StepListener stepListener, DivergenceCheck divergence, TrainingProgress progress) {
}
