package org.convspark.driver.metrics;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * convspark's Spark plugin: {@code spark.plugins=org.convspark.driver.metrics.TrainingMetricsPlugin}
 * (set by the commands' sessions unless the configuration names plugins itself, and in {@code
 * cluster-configs/spark-defaults.conf}). Its metrics reach every sink Spark's metrics system has
 * configured, named {@code <namespace>.<executor id>.plugin.<this class>.<metric>} (the namespace
 * is the application id unless {@code spark.metrics.namespace} says otherwise): {@link
 * DriverMetrics} on the driver, {@link ExecutorMetrics} on each executor. The README's
 * "Monitoring" lists them.
 */
public final class TrainingMetricsPlugin implements SparkPlugin {
    @Override
    public DriverPlugin driverPlugin() {
        return new DriverMetrics(TrainingProgress.driver());
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorMetrics();
    }
}
