package org.convspark.driver.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PROGRESS report's encoding: each step's totals and partition 0's all-reduce wait, bounds
 * checked; the warm-up's end; warm-up keys apart from every other step's.
 */
class PeerMessageTest {
    private static final List<StepTotals> STEPS = List.of(new StepTotals(1.5, 3, 4, 50, 30),
            new StepTotals(0.25, 1, 4, 60, 35));

    @Test
    void aProgressReportCarriesEachStepsTotalsAndAllReduceWait() {
        PeerMessage m = PeerMessage.decode(PeerMessage.encodeProgress(9L, 0, 12, STEPS, List.of(700L, 800L)));
        assertEquals(PeerMessage.Kind.PROGRESS, m.kind);
        assertEquals(12, m.step);
        assertEquals(STEPS, List.of(m.steps));
        assertArrayEquals(new long[] {700, 800}, m.allReduceNanos);
    }

    @Test
    void aProgressReportWhoseCountDisagreesWithItsLengthIsRefused() {
        ByteBuffer wire = PeerMessage.encodeProgress(9L, 0, 12, STEPS, List.of(700L, 800L));
        // One step fewer in the body than the count says (as a report of the old, shorter layout would be).
        ByteBuffer shorter = ByteBuffer.allocate(wire.remaining() - 8);
        shorter.put(wire.duplicate().limit(wire.limit() - 8)).flip();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerMessage.decode(shorter));
        assertEquals("2 steps' totals in " + (shorter.remaining() - PeerMessage.HEADER_BYTES - 4) + " bytes",
                e.getMessage());
    }

    @Test
    void aWarmUpReportCarriesPassesAndStepsAndRefusesNegativeCounts() {
        PeerMessage m = PeerMessage.decode(PeerMessage.encodeWarmedUp(9L, 0, 30, 256));
        assertEquals(PeerMessage.Kind.WARMED_UP, m.kind);
        assertEquals(256, m.step);
        assertEquals(30, m.piece);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerMessage.decode(PeerMessage.encodeWarmedUp(9L, 0, 30, -1)));
        assertEquals("a warm-up of 30 passes and -1 steps", e.getMessage());
    }

    @Test
    void warmUpKeysAreNoStepsOrEvaluationsOfARound() {
        org.junit.jupiter.api.Assertions.assertTrue(PeerGroup.isWarmUpKey(PeerGroup.WARM_UP_KEYS));
        org.junit.jupiter.api.Assertions.assertTrue(PeerGroup.isWarmUpKey(PeerGroup.WARM_UP_KEYS + PeerGroup.WARM_UP_KEY_SPAN - 1));
        for (int step : new int[] {0, 1, Integer.MAX_VALUE, -1, -1 - 1_000_000_000,
                PeerGroup.WARM_UP_KEYS + PeerGroup.WARM_UP_KEY_SPAN}) {
            org.junit.jupiter.api.Assertions.assertFalse(PeerGroup.isWarmUpKey(step), "step key " + step);
        }
    }
}
