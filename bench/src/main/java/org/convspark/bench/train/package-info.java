/**
 * {@code bench/train}: LeNet-5 training throughput on Fashion-MNIST, the engine alone on 1 and 2
 * threads against Spark {@code local[2]}, the fixed cost of one Spark step, and the time the
 * batch-512 recipe takes to reach 89% test accuracy, printed as one table of medians with ratios
 * to a baseline measured in the same run. Entry point: {@link org.convspark.bench.train.TrainBench}.
 */
package org.convspark.bench.train;
