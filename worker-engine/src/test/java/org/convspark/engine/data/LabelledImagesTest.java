package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class LabelledImagesTest {
    @Test
    void validatesSizesLabelsAndValues() {
        Shape shape = Shape.of(1, 2, 2);
        assertEquals("3 labels of shape 1x2x2 need 12 pixels, got 11", assertThrows(IllegalArgumentException.class,
                () -> new LabelledImages(shape, new float[11], new int[3], 10)).getMessage());
        assertEquals("label 10 of sample 1 is outside [0, 10)", assertThrows(IllegalArgumentException.class,
                () -> new LabelledImages(shape, new float[8], new int[] {0, 10}, 10)).getMessage());
        float[] nan = new float[8];
        nan[6] = Float.NaN;
        assertEquals("sample 1 has a non-finite value NaN at element 2", assertThrows(IllegalArgumentException.class,
                () -> new LabelledImages(shape, nan, new int[2], 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabelledImages(shape, new float[4], new int[1], 1));
    }

    @Test
    void sliceCopiesAContiguousRange() {
        float[] pixels = {0, 1, 2, 3, 4, 5};
        LabelledImages data = new LabelledImages(Shape.of(2), pixels, new int[] {0, 1, 2}, 3);
        LabelledImages middle = data.slice(1, 3);
        assertArrayEquals(new float[] {2, 3, 4, 5}, middle.pixels());
        assertArrayEquals(new int[] {1, 2}, middle.labels());
        assertThrows(IndexOutOfBoundsException.class, () -> data.slice(2, 4));
    }
}
