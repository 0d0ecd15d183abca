/**
 * {@code bench/allreduce}: the all-reduce's scaling measurements and cost model. {@link
 * org.convspark.bench.allreduce.AllReduceBench} runs the collective alone ({@link
 * org.convspark.bench.allreduce.CollectiveProbe}, every algorithm) and the tree path's broadcast
 * and {@code treeAggregate} ({@link org.convspark.bench.allreduce.TreeAggregateProbe}) on 2-8
 * executor JVMs of a {@code local-cluster} ({@link org.convspark.bench.allreduce.ClusterSession}),
 * and whole barrier training steps ({@link org.convspark.bench.allreduce.StepScaling}); {@link
 * org.convspark.bench.allreduce.ScalingReport} fits the driver's {@code CollectiveCost} on part of
 * the measurements ({@link org.convspark.bench.allreduce.ModelFit}), prints its errors on the rest
 * and on the whole steps, plots them ({@link org.convspark.bench.allreduce.SvgScatter}) and
 * projects clusters of 8-256 executors with the driver's {@code ClusterForecast}.
 */
package org.convspark.bench.allreduce;
