package org.convspark.driver.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** The gauges each side registers and what they read; the whole plugin in a Spark run is {@code TrainingMetricsTest}. */
class TrainingMetricsPluginTest {
    @Test
    void theDriverGaugesReadTheRunsProgress() {
        TrainingProgress progress = new TrainingProgress();
        MetricRegistry registry = new MetricRegistry();
        DriverMetrics.register(registry, progress);
        assertEquals(new TreeSet<>(List.of("step", "totalSteps", "epoch", "loss", "imagesPerSecond",
                "stepMillis", "stepComputeMillis", "stepAllReduceMillis", "allReduceBytes")), registry.getGauges().keySet());
        progress.started(0, 9, 1);
        progress.counted(1, 32, 4_000_000L);
        progress.allReduced(5_000_000L);
        progress.stepDone(1, 1, 1.5);
        progress.timed(10_000_000L);
        progress.addAllReduceBytes(1234);
        var gauges = registry.getGauges();
        assertEquals(1L, gauges.get("step").getValue());
        assertEquals(9L, gauges.get("totalSteps").getValue());
        assertEquals(1, gauges.get("epoch").getValue());
        assertEquals(1.5, gauges.get("loss").getValue());
        assertEquals(3200.0, (Double) gauges.get("imagesPerSecond").getValue(), 1e-9);
        assertEquals(4.0, (Double) gauges.get("stepComputeMillis").getValue(), 1e-9);
        assertEquals(10.0, (Double) gauges.get("stepMillis").getValue(), 1e-9);
        assertEquals(5.0, (Double) gauges.get("stepAllReduceMillis").getValue(), 1e-9);
        assertEquals(1234L, gauges.get("allReduceBytes").getValue());
        progress.stepDone(2, 1, 1.25);
        assertEquals(2L, gauges.get("step").getValue(), "a gauge reads the holder when asked, it keeps no copy");
    }

    @Test
    void anExecutorRegistersItsEngineGaugesButLocalModesDriverExecutorLeavesThemToTheDriverSide() {
        MetricRegistry executor = new MetricRegistry();
        new ExecutorMetrics().init(context("3", executor), Map.of());
        assertEquals(new TreeSet<>(List.of("engineSamples", "engineComputeMillis")), executor.getGauges().keySet());
        long before = (Long) executor.getGauges().get("engineSamples").getValue();
        long millisBefore = (Long) executor.getGauges().get("engineComputeMillis").getValue();
        EngineWork.trained(16, 3_000_000L);
        assertEquals(before + 16, executor.getGauges().get("engineSamples").getValue());
        assertEquals(millisBefore + 3, executor.getGauges().get("engineComputeMillis").getValue());

        MetricRegistry local = new MetricRegistry();
        new ExecutorMetrics().init(context("driver", local), Map.of());
        assertTrue(local.getMetrics().isEmpty(), local.getNames().toString());
    }

    private static PluginContext context(String executorId, MetricRegistry registry) {
        return new PluginContext() {
            @Override
            public MetricRegistry metricRegistry() {
                return registry;
            }

            @Override
            public SparkConf conf() {
                return new SparkConf(false);
            }

            @Override
            public String executorID() {
                return executorId;
            }

            @Override
            public String hostname() {
                return "127.0.0.1";
            }

            @Override
            public Map<String, ResourceInformation> resources() {
                return Map.of();
            }

            @Override
            public void send(Object message) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object ask(Object message) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
