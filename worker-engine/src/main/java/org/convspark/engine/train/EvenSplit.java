package org.convspark.engine.train;

/**
 * The one rule for cutting {@code count} items into {@code parts} contiguous runs whose sizes
 * differ by at most one: a batch over engine threads, a dataset over Spark partitions.
 */
public final class EvenSplit {
    private EvenSplit() {
    }

    /** Where run {@code part} starts: {@code floor(part * count / parts)}; {@code part == parts} gives {@code count}. */
    public static int start(int count, int parts, int part) {
        return (int) ((long) count * part / parts);
    }
}
