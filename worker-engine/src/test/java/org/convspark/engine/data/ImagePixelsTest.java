package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImagePixelsTest {
    private static byte b(int v) {
        return (byte) v;
    }

    @Test
    void bgrBecomesRgbPlanes() {
        // Two pixels, BGR: (b=10, g=20, r=30), (b=40, g=50, r=60).
        byte[] data = {b(10), b(20), b(30), b(40), b(50), b(60)};
        assertArrayEquals(new float[] {30 / 255f, 60 / 255f, 20 / 255f, 50 / 255f, 10 / 255f, 40 / 255f},
                ImagePixels.toPlanes(data, 1, 2, 3, 3), 0);
    }

    @Test
    void alphaIsDropped() {
        byte[] data = {b(10), b(20), b(30), b(255)};
        assertArrayEquals(new float[] {30 / 255f, 20 / 255f, 10 / 255f}, ImagePixels.toPlanes(data, 1, 1, 4, 3), 0);
    }

    @Test
    void grayIsRepeatedForRgbModels() {
        byte[] data = {b(0), b(255)};
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1}, ImagePixels.toPlanes(data, 2, 1, 1, 3), 0);
    }

    @Test
    void colourBecomesLumaForGrayModels() {
        byte[] data = {b(255), b(0), b(0), b(0), b(0), b(255)};
        assertArrayEquals(new float[] {0.114f, 0.299f}, ImagePixels.toPlanes(data, 1, 2, 3, 1), 1e-6f);
    }

    @Test
    void sizesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ImagePixels.toPlanes(new byte[5], 1, 2, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> ImagePixels.toPlanes(new byte[2], 1, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> ImagePixels.toPlanes(new byte[3], 1, 1, 3, 4));
    }
}
