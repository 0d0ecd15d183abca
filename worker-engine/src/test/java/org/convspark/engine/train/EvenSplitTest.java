package org.convspark.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvenSplitTest {
    @Test
    void runsCoverTheItemsInOrderWithSizesWithinOne() {
        for (int count = 1; count < 40; count++) {
            for (int parts = 1; parts <= Math.min(count, 5); parts++) {
                assertEquals(0, EvenSplit.start(count, parts, 0));
                assertEquals(count, EvenSplit.start(count, parts, parts));
                for (int t = 0; t < parts; t++) {
                    int size = EvenSplit.start(count, parts, t + 1) - EvenSplit.start(count, parts, t);
                    assertTrue(size == count / parts || size == count / parts + 1, count + "/" + parts + ": " + size);
                }
            }
        }
    }

    @Test
    void largeCountsDoNotOverflow() {
        assertEquals(Integer.MAX_VALUE / 2, EvenSplit.start(Integer.MAX_VALUE - 1, 2, 1));
    }
}
