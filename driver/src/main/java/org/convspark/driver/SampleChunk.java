package org.convspark.driver;

/**
 * Consecutive samples on their way into a {@link Shard} while a dataset is loaded: global indices
 * {@code [start, start + labels.length)}. Exists only during loading; a chunk never crosses a
 * shard boundary, so it is never split.
 */
public final class SampleChunk {
    private final int start;
    private final float[] pixels;
    private final int[] labels;

    public SampleChunk(int start, float[] pixels, int[] labels) {
        this.start = start;
        this.pixels = pixels;
        this.labels = labels;
    }

    public int start() {
        return start;
    }

    public float[] pixels() {
        return pixels;
    }

    public int[] labels() {
        return labels;
    }
}
