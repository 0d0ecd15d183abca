/**
 * Training progress as Spark metrics, so that whatever sink a cluster already scrapes or receives
 * (Prometheus, JMX, Graphite, CSV, the console) shows a run as it goes, not only its log and its
 * {@code metrics.json} at the end. {@link org.convspark.driver.metrics.TrainingMetricsPlugin} is a
 * Spark plugin ({@code spark.plugins}): its driver side registers gauges over {@link
 * org.convspark.driver.metrics.TrainingProgress}, which the trainer fills with the figures its
 * epoch lines are made of (step, epoch, loss, images/s, a step's compute and communication time,
 * the collective's bytes); its executor side registers gauges over {@link
 * org.convspark.driver.metrics.EngineWork}, which executor tasks fill as the engine trains. Both
 * holders are written whether or not a plugin reads them (a few volatile writes and adds a step)
 * and live once per JVM, because Spark makes the plugin before any trainer or task exists.
 * Depends on Spark's plugin and metrics API only: every other driver package may use it.
 */
package org.convspark.driver.metrics;
