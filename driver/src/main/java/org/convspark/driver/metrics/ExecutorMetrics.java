package org.convspark.driver.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;

/**
 * The plugin's executor side: gauges over this JVM's {@link EngineWork}. In local mode the
 * driver side registers them instead (see {@link DriverMetrics}).
 */
final class ExecutorMetrics implements ExecutorPlugin {
    /** The executor id of the driver's own executor in local mode (Spark's DRIVER_IDENTIFIER, private to Spark). */
    private static final String DRIVER = "driver";

    @Override
    public void init(PluginContext context, Map<String, String> extraConf) {
        if (!DRIVER.equals(context.executorID())) {
            register(context.metricRegistry());
        }
    }

    static void register(MetricRegistry registry) {
        registry.register("engineSamples", (Gauge<Long>) EngineWork::samples);
        registry.register("engineComputeMillis", (Gauge<Long>) () -> EngineWork.computeNanos() / 1_000_000);
    }
}
