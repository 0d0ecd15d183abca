package org.convspark.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.engine.layers.Conv;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
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
        // columns: C_in 1 x kernel 3x3 rows plus the bias row, by 8x8 positions per sample; a whole
        // chunk's are kept for backward (under the conv cache), plus one block of scratch
        long chunkColumns = 10L * 64 * e.chunkSamples();
        assertEquals(chunkColumns + Conv.BLOCK_FLOATS, e.im2colFloats());
        assertEquals(0, e.largestIm2colLayer());
        assertEquals(4L * (e.parameters() + 10 * 64 + 10 * e.workspaceFloatsPerSample() + e.im2colFloats()),
                e.taskBytes(10));
        assertEquals(e.chunkSamples() * e.workspaceFloatsPerSample(), e.workspaceFloats(1_000_000));
    }

    @Test
    void leNetsIm2colAndSize() {
        MemoryEstimate lenet = MemoryEstimate.of(ModelZoo.get("lenet5"));
        assertEquals(new Network(ModelZoo.get("lenet5")).parameterCount(), lenet.parameters());
        // 15,786 activation floats per sample: chunks of 66 samples; conv1 keeps 66 x (1 x 5x5 + 1)
        // x 28x28 columns, conv2 (layer 3) 66 x (6 x 5x5 + 1) x 10x10, each plus its scratch: conv1's
        // sample (26 x 784 floats) is larger than a block, so it is one sample's columns; conv2's a block
        assertEquals(15_786, lenet.activationFloats());
        assertEquals(66, lenet.chunkSamples());
        assertEquals(0, lenet.largestIm2colLayer());
        assertTrue(26 * 784 > Conv.BLOCK_FLOATS && 151 * 100 <= Conv.BLOCK_FLOATS);
        assertEquals(66 * 26 * 784 + 26 * 784, lenet.largestIm2colFloats());
        assertEquals(66 * 26 * 784 + 26 * 784 + 66 * 151 * 100 + Conv.BLOCK_FLOATS, lenet.im2colFloats());
        assertTrue(lenet.taskBytes(64) < 32L << 20, "LeNet-5 trains 64 samples in " + lenet.taskBytes(64));
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
