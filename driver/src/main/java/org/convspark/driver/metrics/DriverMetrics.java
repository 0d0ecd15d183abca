package org.convspark.driver.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;

/**
 * The plugin's driver side: gauges over the run's {@link TrainingProgress}. In local mode the
 * executor is this JVM, so its engine gauges are registered here too, under the driver's names:
 * the executor side starts before Spark knows the application id and would register them under
 * no application's name (with a warning in every local run).
 */
final class DriverMetrics implements DriverPlugin {
    private final TrainingProgress progress;
    private boolean local;

    DriverMetrics(TrainingProgress progress) {
        this.progress = progress;
    }

    @Override
    public Map<String, String> init(SparkContext sc, PluginContext context) {
        local = sc.isLocal();
        return Map.of();
    }

    /** Spark makes its metrics source from what the registry holds once this returns: nothing may come later. */
    @Override
    public void registerMetrics(String appId, PluginContext context) {
        register(context.metricRegistry(), progress);
        if (local) {
            ExecutorMetrics.register(context.metricRegistry());
        }
    }

    static void register(MetricRegistry registry, TrainingProgress progress) {
        registry.register("step", (Gauge<Long>) progress::step);
        registry.register("totalSteps", (Gauge<Long>) progress::totalSteps);
        registry.register("epoch", (Gauge<Integer>) progress::epoch);
        registry.register("loss", (Gauge<Double>) progress::loss);
        registry.register("imagesPerSecond", (Gauge<Double>) progress::imagesPerSecond);
        registry.register("stepComputeMillis", (Gauge<Double>) progress::stepComputeMillis);
        registry.register("stepMillis", (Gauge<Double>) progress::stepMillis);
        registry.register("stepAllReduceMillis", (Gauge<Double>) progress::stepAllReduceMillis);
        registry.register("allReduceBytes", (Gauge<Long>) progress::allReduceBytes);
    }
}
