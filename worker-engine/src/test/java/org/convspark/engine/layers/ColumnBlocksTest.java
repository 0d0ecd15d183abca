package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Blocks cover every sample and output row of a batch exactly once, in order. */
class ColumnBlocksTest {

    @Test
    void blocksCoverTheBatchInOrder() {
        // {floatsPerColumn, runs, rowStride, blockFloats, tileFloats, batch}
        int[][] cases = {
            {32, 28, 28, 65536, 262144, 64},   // LeNet conv1: samples side by side
            {641, 32, 32, 65536, 262144, 32},  // 64 -> 64 3x3 on 32x32: tiles
            {1281, 16, 16, 65536, 262144, 32}, // 128 -> 128 on 16x16: whole samples
            {10, 5, 8, 1, 100, 3},             // 4 tiles asked for, 3 needed
            {10, 5, 8, 1000, 1000000, 7},      // blocks of 2, the last one short
        };
        for (int[] c : cases) {
            ColumnBlocks blocks = new ColumnBlocks(c[0], c[1], c[2], c[3], c[4]);
            int batch = c[5];
            int sample = 0;
            int run = 0;
            for (int b = 0; b < blocks.count(batch); b++) {
                assertEquals(sample, blocks.first(b), "block " + b);
                assertEquals(run, blocks.runBegin(b), "block " + b);
                assertTrue(blocks.runEnd(b) > blocks.runBegin(b), "block " + b + " is empty");
                assertTrue(blocks.samples(b, batch) * (blocks.runEnd(b) - blocks.runBegin(b)) <= blocks.maxRuns());
                if (blocks.samples(b, batch) > 1) {
                    assertEquals(0, blocks.runBegin(b));
                    assertEquals(c[1], blocks.runEnd(b));
                }
                run = blocks.runEnd(b) == c[1] ? 0 : blocks.runEnd(b);
                sample = blocks.first(b) + (run == 0 ? blocks.samples(b, batch) : 0);
            }
            assertEquals(batch, sample, "samples covered");
            assertEquals(0, run, "the last sample is whole");
        }
        assertTrue(new ColumnBlocks(641, 32, 32, 65536, 262144).tiled());
        assertFalse(new ColumnBlocks(1281, 16, 16, 65536, 262144).tiled());
        assertEquals(2 * 28, new ColumnBlocks(32, 28, 28, 65536, 262144).maxRuns());
    }
}
