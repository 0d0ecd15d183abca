/**
 * The all-reduce among the tasks of a barrier round, with the driver as coordinator only (see
 * {@code docs/COLLECTIVE.md}). {@link org.convspark.driver.collective.PeerTransport} is a JVM's
 * endpoint on Spark's own network transport (Spark's authentication and AES encryption when
 * Spark's settings ask for them, a bound on what a connection can make it buffer); {@link
 * org.convspark.driver.collective.RoundCoordinator} is the driver's part (who is in the round,
 * their addresses, progress, byte counts, a bounded wait for tasks that do not join); {@link
 * org.convspark.driver.collective.PeerGroup} is a task's membership; {@link
 * org.convspark.driver.collective.Collective} picks {@link
 * org.convspark.driver.collective.TreeAllReduce} for small models and {@link
 * org.convspark.driver.collective.ScatterAllReduce} for large ones ({@link
 * org.convspark.driver.collective.StarAllReduce}, the hub pattern, only when asked for), all summing
 * in an order fixed by partition index, in double; {@link
 * org.convspark.driver.collective.CollectiveCost} models what each costs per step (docs/SCALING.md).
 * {@link org.convspark.driver.collective.StatisticsAllReduce} sums batch norm's statistics (a few
 * doubles per channel) in the middle of a step. Nothing here knows of models or optimizers: a
 * collective moves float vectors, double sums and {@link
 * org.convspark.driver.collective.StepTotals}. The training round that uses it is the driver
 * package's {@code BarrierRound}; the driver package's {@code ClusterForecast} puts a step's
 * compute and this model together for {@code convspark plan}.
 */
package org.convspark.driver.collective;
