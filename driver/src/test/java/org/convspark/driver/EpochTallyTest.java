package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.driver.metrics.TrainingProgress;
import org.convspark.driver.round.StepAggregate;
import org.convspark.engine.layers.BatchResult;
import org.junit.jupiter.api.Test;

class EpochTallyTest {
    private static StepAggregate step(double lossSum, long correct, long count, long slowestNanos) {
        return new StepAggregate(null, 0, lossSum, correct, count, slowestNanos, slowestNanos);
    }

    @Test
    void meansArePerSampleAndOverheadIsWallTimeLessTheSlowestPartitionsCompute() {
        EpochTally tally = new EpochTally(3, new TrainingProgress());
        tally.add(step(6.0, 2, 4, 1_000_000_000L), 1);
        tally.add(step(2.0, 4, 4, 500_000_000L), 2);
        tally.addAllReduceNanos(300_000_000L); // a local-steps round of two steps
        tally.addWallNanos(2_000_000_000L);
        EpochMetrics m = tally.metrics(new BatchResult(5.0, 7, 10));
        assertEquals(3, m.epoch());
        assertEquals(3, m.steps());
        assertEquals(8, m.samples());
        assertEquals(1.0, m.trainLoss());
        assertEquals(0.75, m.trainAccuracy());
        assertEquals(0.5, m.testLoss());
        assertEquals(0.7, m.testAccuracy());
        assertEquals(2.0, m.seconds());
        assertEquals(1.5, m.computeSeconds());
        assertEquals(0.5, m.overheadSeconds());
    }

    /** What Spark's metrics show: the epoch line's figures, per step, as soon as the steps are timed. */
    @Test
    void tellsTheRunsProgressWhatItCountsAndItsTimePerStep() {
        TrainingProgress progress = new TrainingProgress();
        EpochTally tally = new EpochTally(3, progress);
        tally.add(step(6.0, 2, 4, 1_000_000_000L), 1);
        tally.add(step(2.0, 4, 4, 500_000_000L), 2);
        tally.addAllReduceNanos(300_000_000L);
        assertTrue(Double.isNaN(progress.imagesPerSecond()), "nothing timed yet");
        tally.addWallNanos(2_000_000_000L);
        tally.addCollectiveBytes(100, 3_000, 3);
        assertEquals(4.0, progress.imagesPerSecond());
        assertEquals(500.0, progress.stepComputeMillis(), 1e-9);
        assertEquals(2000.0 / 3, progress.stepMillis(), 1e-9);
        assertEquals(100.0, progress.stepAllReduceMillis(), 1e-9);
        assertEquals(3_000, progress.allReduceBytes(), "partition 0's bytes, not the driver's");
    }

    @Test
    void withoutATestSetTheTestFieldsAreNaNAndOverheadIsNeverNegative() {
        EpochTally tally = new EpochTally(1, new TrainingProgress());
        tally.add(step(1.0, 1, 1, 3_000_000L), 1);
        tally.addWallNanos(1_000_000L); // clocks of different machines: compute can exceed wall time
        EpochMetrics m = tally.metrics(null);
        assertTrue(Double.isNaN(m.testLoss()) && Double.isNaN(m.testAccuracy()));
        assertEquals(0.0, m.overheadSeconds());
    }
}
