/**
 * Synchronous data-parallel training on Spark. {@link org.convspark.driver.ShardedDataset} packs
 * labelled images into P cached partitions of contiguous arrays; {@link
 * org.convspark.driver.DistributedTrainer} trains with the all-reduce {@link
 * org.convspark.driver.AllReduceChoice} picks: barrier rounds ({@link
 * org.convspark.driver.BarrierRound}) whose tasks all-reduce among themselves through the {@code
 * collective} package and report each step and epoch as they go ({@link
 * org.convspark.driver.LiveEpochs}), or a job per step that broadcasts the flat parameters, sums
 * the executors' gradients with {@code treeAggregate} and steps the optimizer on the driver; {@link
 * org.convspark.driver.BatchSchedule} picks every step's global batch from (seed, epoch, step) so
 * the result does not depend on P beyond float rounding; {@link
 * org.convspark.driver.CheckpointStore} writes checkpoints through Hadoop's FileSystem API and
 * finds the newest intact one, whatever a crash left behind; {@link
 * org.convspark.driver.MemoryBudget} refuses, before the first job, a model that cannot fit the
 * driver or an executor; {@link org.convspark.driver.ConvsparkKryoRegistrator} registers what
 * travels; {@link org.convspark.driver.BatchScoring} scores a partition's rows with a trained model
 * in batches, for the Spark ML model and the commands; {@link org.convspark.driver.ClusterForecast}
 * predicts a step's time on a cluster (the engine's measured speed and the collective's cost
 * model), for {@code convspark plan}. What the user gave is refused with the engine's {@code UserInputException}. The network
 * arithmetic itself is the worker-engine's; nothing here computes a gradient.
 */
package org.convspark.driver;
