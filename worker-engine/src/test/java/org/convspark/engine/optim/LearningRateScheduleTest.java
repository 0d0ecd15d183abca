package org.convspark.engine.optim;

import static org.convspark.engine.optim.OptimizerTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void constantNeverChanges() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.3);
        assertEquals(0.3, s.at(0));
        assertEquals(0.3, s.at(1_000_000));
    }

    @Test
    void stepDecaysByGammaEveryKSteps() {
        LearningRateSchedule s = LearningRateSchedule.step(0.1, 0.5, 3);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.1, s.at(2), 1e-15);
        assertEquals(0.05, s.at(3), 1e-15);
        assertEquals(0.025, s.at(7), 1e-15);
    }

    @Test
    void cosineAnnealsToTheFloorAndStaysThere() {
        LearningRateSchedule s = LearningRateSchedule.cosine(0.1, 0.01, 10);
        assertEquals(0.1, s.at(0), 1e-15);
        // 0.01 + 0.09 (1 + cos(0.2 pi)) / 2
        assertEquals(0.0914057647, s.at(2), 1e-10);
        assertEquals(0.055, s.at(5), 1e-15);
        assertEquals(0.01, s.at(10), 1e-15);
        assertEquals(0.01, s.at(25), 1e-15);
    }

    @Test
    void warmupRampsLinearlyThenHandsOverUnshifted() {
        LearningRateSchedule s = LearningRateSchedule.warmup(LearningRateSchedule.constant(0.1), 4);
        assertEquals(0.025, s.at(0), 1e-15);
        assertEquals(0.05, s.at(1), 1e-15);
        assertEquals(0.1, s.at(3), 1e-15);
        assertEquals(0.1, s.at(4), 1e-15);
        LearningRateSchedule cosine = LearningRateSchedule.warmup(LearningRateSchedule.cosine(0.1, 0, 10), 2);
        assertEquals(0.5 * LearningRateSchedule.cosine(0.1, 0, 10).at(0), cosine.at(0), 1e-15);
        assertEquals(0.05, cosine.at(5), 1e-15);
    }

    @Test
    void badSchedulesNameTheField() {
        assertMessage("lr must be a finite number > 0, got 0.0", () -> LearningRateSchedule.constant(0));
        assertMessage("gamma", () -> LearningRateSchedule.step(0.1, -1, 3));
        assertMessage("step_every must be >= 1, got 0", () -> LearningRateSchedule.step(0.1, 0.5, 0));
        assertMessage("floor 0.2 must not exceed lr 0.1", () -> LearningRateSchedule.cosine(0.1, 0.2, 10));
        assertMessage("total_steps", () -> LearningRateSchedule.cosine(0.1, 0, 0));
        assertMessage("warmup_steps", () -> LearningRateSchedule.warmup(LearningRateSchedule.constant(1), 0));
    }
}
