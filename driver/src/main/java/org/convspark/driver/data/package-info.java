/**
 * The training data as the trainer holds it: {@link org.convspark.driver.data.ShardedDataset}
 * packs labelled images into P cached partitions of contiguous arrays ({@link
 * org.convspark.driver.data.Shard}, placed by {@link
 * org.convspark.driver.data.ContiguousPartitioner}); {@link
 * org.convspark.driver.data.BatchSchedule} picks every step's global batch from (seed, epoch,
 * step), so the result does not depend on P beyond float rounding; {@link
 * org.convspark.driver.data.BatchScoring} scores a partition's rows with a trained model in
 * batches, for the Spark ML model and the commands. Depends on the engine only.
 */
package org.convspark.driver.data;
