package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveCost;
import org.convspark.engine.train.StepTiming;
import org.junit.jupiter.api.Test;

/** The forecast's arithmetic: compute split over the cores, the optimizer, the all-reduce on the cluster's links. */
class ClusterForecastTest {
    private static final CollectiveCost SOFTWARE = new CollectiveCost(50e-6, 20e-6, 0.5e-9, 0.3e-9);
    private static final StepTiming MODEL = new StepTiming(1_000_000, 1e-3, 2e-3);

    @Test
    void aStepIsComputeOptimizerAndTheAllReduceOnTheLinks() {
        ClusterForecast cluster = new ClusterForecast(16, 4, 10, SOFTWARE);
        ClusterForecast.Step step = cluster.step(MODEL, 256);
        assertEquals(64 * 1e-3, step.computeSeconds(), 1e-12);
        assertEquals(2e-3, step.optimizerSeconds(), 1e-15);
        CollectiveCost.Traffic traffic = CollectiveCost.traffic(Collective.Algorithm.SCATTER, 16, 1_000_000);
        double wire = 1 / (2 * 0.9 * 10e9 / 8);
        // 60 messages of 250 KB each: every byte is in a message's first piece.
        double expected = 2 * (50e-6 + 25e-6) + 60 * 20e-6 + traffic.criticalBytes() * (0.5e-9 + wire);
        assertEquals(expected, step.allReduceSeconds(), 1e-12);
        assertEquals((64e-3 + 2e-3) / step.seconds(), step.efficiency(), 1e-12);
        assertEquals(256 * 16 / step.seconds(), step.imagesPerSecond(), 1e-6);
    }

    @Test
    void oneExecutorScalesPerfectlyAndMoreOfThemOrSlowerLinksCostMore() {
        assertEquals(1.0, new ClusterForecast(1, 8, 10, SOFTWARE).step(MODEL, 64).efficiency(), 1e-12);
        double at16 = new ClusterForecast(16, 4, 10, SOFTWARE).step(MODEL, 256).allReduceSeconds();
        double at256 = new ClusterForecast(256, 4, 10, SOFTWARE).step(MODEL, 256).allReduceSeconds();
        double faster = new ClusterForecast(256, 4, 25, SOFTWARE).step(MODEL, 256).allReduceSeconds();
        assertTrue(at16 < at256 && faster < at256, at16 + " " + at256 + " " + faster);
        assertTrue(new ClusterForecast(64, 4, 10, SOFTWARE).step(MODEL, 1024).efficiency()
                > new ClusterForecast(64, 4, 10, SOFTWARE).step(MODEL, 128).efficiency());
    }

    @Test
    void aClusterNeedsExecutorsCoresAndALink() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterForecast(0, 4, 10, SOFTWARE));
        assertThrows(IllegalArgumentException.class, () -> new ClusterForecast(4, 0, 10, SOFTWARE));
        assertThrows(IllegalArgumentException.class, () -> new ClusterForecast(4, 4, 0, SOFTWARE));
    }
}
