package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class EmbeddedMnistTest {
    @Test
    void trainAndTestSubsetsComeFromTheClasspath() {
        LabelledImages train = EmbeddedMnist.train();
        LabelledImages test = EmbeddedMnist.test();
        assertEquals(EmbeddedMnist.TRAIN_COUNT, train.count());
        assertEquals(EmbeddedMnist.TEST_COUNT, test.count());
        for (LabelledImages data : new LabelledImages[] {train, test}) {
            assertEquals(Shape.of(1, 28, 28), data.sampleShape());
            int[] perClass = new int[10];
            for (int label : data.labels()) {
                perClass[label]++;
            }
            assertTrue(Arrays.stream(perClass).allMatch(c -> c > data.count() / 20), Arrays.toString(perClass));
            double sum = 0;
            for (float p : data.pixels()) {
                assertTrue(p >= 0 && p <= 1);
                sum += p;
            }
            double mean = sum / data.pixels().length;
            assertTrue(mean > 0.1 && mean < 0.15, "MNIST's mean intensity is about 0.13, got " + mean);
        }
        assertArrayEquals(new int[] {0, 3, 7, 6, 8, 9, 3, 3}, Arrays.copyOf(train.labels(), 8));
    }
}
