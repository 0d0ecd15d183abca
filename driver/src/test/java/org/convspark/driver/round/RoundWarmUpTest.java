package org.convspark.driver.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.driver.collective.PeerGroup;
import org.junit.jupiter.api.Test;

/**
 * When a round's warm-up takes another step: at least three, never more than asked, and none once
 * the slowest task's time passes the cap (the branch every task must take at the same step: it
 * reads only all-reduced values, which the caller passes in).
 */
class RoundWarmUpTest {
    private static final RoundWarmUp WARM_UP = new RoundWarmUp(30, 8, 10, 2_000);

    @Test
    void takesThreeStepsWhateverTheyCostThenStopsAtTheCap() {
        for (int taken = 0; taken < RoundWarmUp.MIN_STEPS; taken++) {
            assertTrue(WARM_UP.another(taken, Long.MAX_VALUE), "step " + (taken + 1));
        }
        assertTrue(WARM_UP.another(3, 1_999));
        assertFalse(WARM_UP.another(3, 2_000));
        assertFalse(WARM_UP.another(9, 5_000));
    }

    @Test
    void neverTakesMoreStepsThanAskedNorAnyWhenNoneAre() {
        assertTrue(WARM_UP.another(9, 0));
        assertFalse(WARM_UP.another(10, 0));
        RoundWarmUp passesOnly = new RoundWarmUp(30, 8, 0, 2_000);
        assertFalse(passesOnly.another(0, 0), "no steps asked: not even the three");
        assertFalse(passesOnly.none());
        assertTrue(new RoundWarmUp(0, 8, 0, 2_000).none());
    }

    @Test
    void refusesCountsItsKeysCannotHold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RoundWarmUp(30, 8, PeerGroup.WARM_UP_KEY_SPAN, 2_000));
        assertEquals("a warm-up of up to 30 passes over 8 samples, " + PeerGroup.WARM_UP_KEY_SPAN
                + " steps and 2000 ns", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RoundWarmUp(-1, 8, 10, 2_000));
        assertThrows(IllegalArgumentException.class, () -> new RoundWarmUp(30, 0, 10, 2_000));
    }
}
