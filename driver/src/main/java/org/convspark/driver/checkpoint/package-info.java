/**
 * Checkpoints: {@link org.convspark.driver.checkpoint.Checkpoint} (step, epoch, seed, spec,
 * parameters and optimizer state) and {@link org.convspark.driver.checkpoint.CheckpointStore},
 * which writes them through Hadoop's FileSystem API (a temporary directory renamed into place;
 * lengths and CRC32s in {@code meta.json}) and finds the newest intact one, whatever a crash or a
 * full disk left behind. When to write one is the trainer's ({@code RunCheckpoints}).
 */
package org.convspark.driver.checkpoint;
