package org.convspark.bench;

import java.util.Arrays;

/** The median of repeated measurements (the mean of the middle two for an even count), for every benchmark. */
public final class Medians {
    private Medians() {
    }

    public static double of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
