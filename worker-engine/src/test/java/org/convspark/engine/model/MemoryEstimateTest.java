package org.convspark.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    private static final String SMALL = "{\"name\": \"small\", \"input\": [1, 8, 8], \"layers\": ["
            + "{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"padding\": 1}, {\"type\": \"relu\"},"
            + "{\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"flatten\"},"
            + "{\"type\": \"linear\", \"out_features\": 3}]}";

    @Test
    void countsEachLayersBuffersByHand() {
        MemoryEstimate e = MemoryEstimate.of(ModelSpecJson.parse(SMALL, "small.json"));
        assertEquals(4 * 9 + 4 + 64 * 3 + 3, e.parameters());
        assertEquals(64, e.inputFloats());
        // input 64, conv 256, relu 256, maxpool 64, flatten 64, linear 3
        assertEquals(707, e.activationFloats());
        // outputs plus input gradients, plus max pooling's index per output
        assertEquals((256 + 64) + (256 + 256) + (64 + 256 + 64) + (64 + 64) + (3 + 64), e.workspaceFloatsPerSample());
        assertEquals((1 << 20) / 707, e.chunkSamples());
        // one sample's columns: C_in 1 x kernel 3x3 rows, 8x8 output positions
        assertEquals(9 * 64, e.im2colFloats());
        assertEquals(0, e.largestIm2colLayer());
        assertEquals(4L * (e.parameters() + 10 * 64 + 10 * e.workspaceFloatsPerSample() + 9 * 64), e.taskBytes(10));
        assertEquals(e.chunkSamples() * e.workspaceFloatsPerSample(), e.workspaceFloats(1_000_000));
    }

    @Test
    void leNetsIm2colAndSize() {
        MemoryEstimate lenet = MemoryEstimate.of(ModelZoo.get("lenet5"));
        assertEquals(new Network(ModelZoo.get("lenet5")).parameterCount(), lenet.parameters());
        // conv1: 1 x 5x5 rows by 28x28 positions; conv2 (layer 3): 6 x 5x5 rows by 10x10 positions
        assertEquals(0, lenet.largestIm2colLayer());
        assertEquals(25 * 784, lenet.largestIm2colFloats());
        assertEquals(25 * 784 + 150 * 100, lenet.im2colFloats());
        assertTrue(lenet.taskBytes(64) < 16L << 20, "LeNet-5 trains 64 samples in " + lenet.taskBytes(64));
    }

    @Test
    void absurdSizesSaturateInsteadOfWrapping() {
        ModelSpec huge = ModelSpecJson.parse("{\"input\": [65535, 65535, 65535, 65535], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 65535, \"kernel\": 3, \"padding\": 1},"
                + "{\"type\": \"globalavgpool\"}, {\"type\": \"linear\", \"out_features\": 2}]}", "huge.json");
        MemoryEstimate e = MemoryEstimate.of(huge);
        assertEquals(Long.MAX_VALUE, e.activationFloats());
        assertEquals(Long.MAX_VALUE, e.taskBytes(1));
        assertEquals(1, e.chunkSamples());
        assertEquals(Long.MAX_VALUE, MemoryEstimate.times(1L << 40, 1L << 40));
        assertEquals(Long.MAX_VALUE, MemoryEstimate.plus(Long.MAX_VALUE, 1));
    }
}
