package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static final Shape SAMPLE = Shape.of(2, 4, 5);

    private static float[] sample() {
        float[] x = new float[SAMPLE.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static float[] augmented(Augmentation a, long seed, int epoch, long index) {
        float[] x = sample();
        a.apply(x, 0, SAMPLE, seed, epoch, index, new float[SAMPLE.size()]);
        return x;
    }

    @Test
    void parsesTheOptionAndRefusesAnythingElse() {
        assertEquals(new Augmentation(4, true), Augmentation.parse("crop:4,flip"));
        assertEquals(new Augmentation(0, true), Augmentation.parse(" flip "));
        assertEquals(Augmentation.NONE, Augmentation.parse("none"));
        assertEquals("crop:4,flip", Augmentation.parse("flip,crop:4").toString());
        for (String bad : new String[] {"", "crop", "crop:x", "crop:0", "flip,flip", "rotate", "crop:2,crop:3"}) {
            assertThrows(IllegalArgumentException.class, () -> Augmentation.parse(bad), bad);
        }
    }

    @Test
    void eachDrawIsAPureFunctionOfSeedEpochAndSampleIndex() {
        Augmentation a = Augmentation.parse("crop:2,flip");
        assertArrayEquals(augmented(a, 7, 3, 41), augmented(a, 7, 3, 41), 0);
        int differ = 0;
        for (int index = 0; index < 20; index++) {
            differ += Arrays.equals(augmented(a, 7, 3, index), augmented(a, 7, 4, index)) ? 0 : 1;
        }
        assertTrue(differ >= 10, differ + " of 20 samples changed with the epoch");
    }

    @Test
    void aFlipMirrorsTheLastAxisOfEveryChannel() {
        Augmentation flip = Augmentation.parse("flip");
        int flipped = 0;
        for (int index = 0; index < 40; index++) {
            float[] x = augmented(flip, 1, 0, index);
            if (!Arrays.equals(x, sample())) {
                flipped++;
                // Row 0 of channel 1 (values 21..25) reads backwards.
                assertArrayEquals(new float[] {25, 24, 23, 22, 21}, Arrays.copyOfRange(x, 20, 25), 0);
            }
        }
        assertTrue(flipped > 10 && flipped < 30, flipped + " of 40 flipped, expected about half");
    }

    @Test
    void aCropShiftsWithinThePaddingAndFillsZeros() {
        Augmentation crop = Augmentation.parse("crop:1");
        boolean shifted = false;
        for (int index = 0; index < 30; index++) {
            float[] x = augmented(crop, 3, 0, index);
            float[] original = sample();
            int kept = 0;
            for (float v : x) {
                kept += v == 0 ? 0 : 1;
                assertTrue(v == 0 || Arrays.binarySearch(original, v) >= 0, "values come from the sample");
            }
            // A shift of at most 1 per axis keeps at least (4-1) x (5-1) of each 4x5 channel.
            assertTrue(kept >= 2 * 3 * 4, kept + " values kept");
            shifted |= !Arrays.equals(x, original);
        }
        assertTrue(shifted, "some crop moved the image");
        assertFalse(Augmentation.NONE.equals(crop));
    }
}
