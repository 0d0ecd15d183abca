package org.convspark.driver.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    @Test
    void aTimedStretchBecomesPerStepTimesAndImagesPerSecond() {
        TrainingProgress progress = new TrainingProgress();
        progress.started(0, 20, 1);
        progress.counted(1, 64, 30_000_000L);
        progress.counted(1, 64, 10_000_000L);
        progress.allReduced(24_000_000L);
        progress.stepDone(2, 1, 0.75);
        progress.timed(100_000_000L);
        assertEquals(2, progress.step());
        assertEquals(20, progress.totalSteps());
        assertEquals(1, progress.epoch());
        assertEquals(0.75, progress.loss());
        assertEquals(1280.0, progress.imagesPerSecond(), 1e-9);
        assertEquals(20.0, progress.stepComputeMillis(), 1e-9);
        assertEquals(50.0, progress.stepMillis(), 1e-9);
        assertEquals(12.0, progress.stepAllReduceMillis(), 1e-9);
    }

    /** A barrier round that ends right after an epoch's end adds time without steps: it waits for the next ones. */
    @Test
    void timeWithoutCountedStepsJoinsTheNextStretch() {
        TrainingProgress progress = new TrainingProgress();
        progress.counted(1, 10, 1_000_000L);
        progress.timed(2_000_000L);
        progress.timed(1_000_000L);
        assertEquals(5000.0, progress.imagesPerSecond(), 1e-9, "the stretch before is still shown");
        progress.counted(1, 10, 1_000_000L);
        progress.timed(1_000_000L);
        assertEquals(5000.0, progress.imagesPerSecond(), 1e-9);
        assertEquals(2.0, progress.stepMillis(), 1e-9);
    }

    @Test
    void eachStretchHasItsOwnAllReduceTime() {
        TrainingProgress progress = new TrainingProgress();
        progress.counted(2, 8, 5_000_000L);
        progress.allReduced(3_000_000L);
        progress.timed(10_000_000L);
        assertEquals(1.5, progress.stepAllReduceMillis(), 1e-9);
        progress.counted(1, 4, 1_000_000L);
        progress.timed(2_000_000L);
        assertEquals(0.0, progress.stepAllReduceMillis(), "the first stretch's all-reduce is not counted again");
        assertEquals(1.0, progress.stepComputeMillis(), 1e-9);
    }

    @Test
    void aNewRunStartsFromItsFirstStepWithNothingMeasuredYet() {
        TrainingProgress progress = new TrainingProgress();
        progress.started(0, 10, 1);
        progress.counted(1, 10, 1_000_000L);
        progress.stepDone(1, 1, 2.0);
        progress.timed(2_000_000L);
        progress.addAllReduceBytes(500);
        progress.allReduced(9_000_000L);
        progress.started(40, 70, 5);
        assertEquals(40, progress.step(), "a resumed run starts at its checkpoint's step");
        assertEquals(70, progress.totalSteps());
        assertEquals(5, progress.epoch());
        assertEquals(0, progress.allReduceBytes());
        assertTrue(Double.isNaN(progress.loss()) && Double.isNaN(progress.imagesPerSecond())
                && Double.isNaN(progress.stepComputeMillis()) && Double.isNaN(progress.stepMillis())
                && Double.isNaN(progress.stepAllReduceMillis()));
        progress.counted(1, 10, 1_000_000L);
        progress.timed(4_000_000L);
        assertEquals(0.0, progress.stepAllReduceMillis(), "the previous run's all-reduce time is gone");
        assertEquals(2500.0, progress.imagesPerSecond(), 1e-9, "the previous run's untimed steps are gone");
    }
}
