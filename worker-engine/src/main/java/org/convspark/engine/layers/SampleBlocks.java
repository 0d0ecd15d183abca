package org.convspark.engine.layers;

/**
 * How a batch is cut into blocks of consecutive samples whose column matrices sit side by side
 * ({@code rows x size*columns}), so one GEMM covers a block. A block holds as many samples as fit
 * in {@code blockFloats} of column matrix and output together (at least one): small layers
 * (LeNet's 25 x 784 -> 6) get several per GEMM, large ones (576 x 1024 -> 64) one, so the block
 * stays in the L2 cache between im2col and the GEMMs (a whole LeNet batch in one GEMM measured
 * 2-3x slower than blocks of 4), and layers with more outputs than column rows (3 x 3 x 3 -> 32),
 * whose block output must be copied to the output planes, get one. Every block but the last is
 * full.
 */
final class SampleBlocks {
    private final int perBlock;

    /** {@code rows}: column matrix rows plus output channels, per column. */
    SampleBlocks(int rows, int columns, int blockFloats) {
        this.perBlock = (int) Math.max(1, blockFloats / ((long) rows * columns));
    }

    /** Samples in a full block. */
    int perBlock() {
        return perBlock;
    }

    int count(int batch) {
        return (batch + perBlock - 1) / perBlock;
    }

    /** The first sample of {@code block}. */
    int first(int block) {
        return block * perBlock;
    }

    /** Samples in {@code block} of a batch of {@code batch}. */
    int size(int block, int batch) {
        return Math.min(perBlock, batch - first(block));
    }
}
