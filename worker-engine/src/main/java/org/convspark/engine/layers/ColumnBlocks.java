package org.convspark.engine.layers;

/**
 * How a batch's column matrices are cut into blocks, each one GEMM wide, sized to stay in the L2
 * cache between im2col and the GEMMs. Counted in floats of column matrix plus output per column:
 * <ul>
 *   <li>a sample of up to 1.5 {@code tileFloats}: blocks of consecutive samples side by side, as
 *       many as fit in {@code blockFloats} (at least one). Small layers (LeNet's 25 x 784 -> 6)
 *       get several per GEMM: a whole LeNet batch in one GEMM measured 2-3x slower than blocks of
 *       4. Layers with more outputs than column rows (3 x 3 x 3 -> 32), whose block output must be
 *       copied to the output planes, get one;
 *   <li>a larger sample (576 x 1024 -> 64, 2.4 MB of columns): tiles of whole output rows, about
 *       {@code tileFloats} each, balanced over the sample (11 of 32 rows there, GEMMs 352
 *       columns wide: 3-9% faster forward+backward than the whole sample, paired runs).
 * </ul>
 * Blocks are numbered in order through the batch: samples, and within a tiled sample its tiles.
 */
final class ColumnBlocks {
    private final int runs;
    private final int samplesPerBlock;
    private final int tilesPerSample;
    private final int runsPerTile;

    /**
     * @param floatsPerColumn column matrix rows plus output channels
     * @param runs output rows per sample
     * @param rowStride columns per output row
     */
    ColumnBlocks(int floatsPerColumn, int runs, int rowStride, int blockFloats, int tileFloats) {
        this.runs = runs;
        long perSample = (long) floatsPerColumn * rowStride * runs;
        // Rounded, not ceiled: a sample a little over the budget (128 x 3 x 3 -> 128 on 16 x 16,
        // 1.25 tiles' worth) measured faster whole than in two narrow tiles.
        int tiles = (int) Math.max(1, Math.min(runs, Math.round((double) perSample / tileFloats)));
        runsPerTile = (runs + tiles - 1) / tiles;
        // Balanced tiles may need fewer than asked for (5 rows in 4 tiles: 2 + 2 + 1).
        tilesPerSample = (runs + runsPerTile - 1) / runsPerTile;
        samplesPerBlock = tilesPerSample > 1 ? 1 : (int) Math.max(1, blockFloats / perSample);
    }

    int count(int batch) {
        return tilesPerSample == 1 ? (batch + samplesPerBlock - 1) / samplesPerBlock : batch * tilesPerSample;
    }

    /** The first (for a tile: the only) sample of {@code block}. */
    int first(int block) {
        return tilesPerSample == 1 ? block * samplesPerBlock : block / tilesPerSample;
    }

    /** Samples in {@code block} of a batch of {@code batch}. */
    int samples(int block, int batch) {
        return tilesPerSample == 1 ? Math.min(samplesPerBlock, batch - first(block)) : 1;
    }

    /** First output row of {@code block}'s samples it covers (0 unless it is a tile). */
    int runBegin(int block) {
        return tilesPerSample == 1 ? 0 : block % tilesPerSample * runsPerTile;
    }

    /** One past the last output row {@code block} covers. */
    int runEnd(int block) {
        return tilesPerSample == 1 ? runs : Math.min(runs, runBegin(block) + runsPerTile);
    }

    /** Whether blocks are tiles of one sample. */
    boolean tiled() {
        return tilesPerSample > 1;
    }

    /** The widest block, in samples' worth of output rows: {@code samplesPerBlock * runs} or {@code runsPerTile}. */
    int maxRuns() {
        return samplesPerBlock * runsPerTile;
    }
}
