/**
 * Synchronous data-parallel training on Spark: the trainer and its settings. {@link
 * org.convspark.driver.DistributedTrainer} trains with the all-reduce {@link
 * org.convspark.driver.AllReduceChoice} picks, from a {@link org.convspark.driver.TrainerConfig},
 * reporting epochs as they go ({@link org.convspark.driver.LiveEpochs}) and checkpointing through
 * {@link org.convspark.driver.RunCheckpoints}; {@link org.convspark.driver.MemoryBudget} refuses,
 * before the first job, a model that cannot fit the driver or an executor; {@link
 * org.convspark.driver.ConvsparkKryoRegistrator} registers what travels (kept here: its name is
 * what users put in {@code spark.kryo.registrator}) and {@link
 * org.convspark.driver.SerializerSelfCheck} proves the session's serializer settings before any
 * data moves; {@link org.convspark.driver.ClusterForecast} predicts a step's time on a cluster for
 * {@code convspark plan}.
 *
 * <p>Sub-packages, each depending only on those listed before it (checked by
 * {@code DriverArchitectureTest}): {@code metrics} (the run's progress as Spark metrics: the
 * {@code spark.plugins} plugin and the holders the trainer and the tasks write), {@code data}
 * (the sharded training set, the batch schedule, batch scoring), {@code checkpoint} (the
 * checkpoint format and store), {@code collective} (the all-reduce among barrier tasks over
 * Spark's transport), {@code round} (what executors run: a barrier round, a tree step, local
 * steps, an evaluation pass), then {@code options} (the
 * training options, declared once for the command line and Spark ML) with the trainer. What the user gave is refused
 * with the engine's {@code UserInputException}. The network arithmetic itself is the
 * worker-engine's; nothing here computes a gradient.
 */
package org.convspark.driver;
