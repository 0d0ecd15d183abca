/**
 * {@code bench/shards}: a generated Parquet set larger than the executors' storage memory, trained
 * from shards on disk in one partition (more than 2^31 values) against a subset in memory, with
 * the page cache dropped or not and the read-ahead on or off; and the bytes a CIFAR-10-shaped
 * sample takes in memory as 8-bit and float shards. Entry point: {@link
 * org.convspark.bench.shards.ShardsBench}.
 */
package org.convspark.bench.shards;
