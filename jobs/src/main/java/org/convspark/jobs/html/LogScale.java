package org.convspark.jobs.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps positive values onto a pixel range by their base-10 logarithm, from the decade at or below
 * the smallest value to the decade at or above the largest, with a tick per decade; so 60 and
 * 60 million fit one axis and each factor of ten takes the same width.
 */
final class LogScale {
    private final int lowDecade;
    private final int highDecade;
    private final double from;
    private final double to;

    private LogScale(int lowDecade, int highDecade, double from, double to) {
        this.lowDecade = lowDecade;
        this.highDecade = highDecade;
        this.from = from;
        this.to = to;
    }

    /** A scale covering {@code [lo, hi]} (both &gt; 0) onto pixels {@code from .. to}. */
    static LogScale covering(double lo, double hi, double from, double to) {
        if (!(lo > 0) || !(hi >= lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("a log scale needs 0 < lo <= hi, got [" + lo + ", " + hi + "]");
        }
        int low = (int) Math.floor(Math.log10(lo) + 1e-12);
        int high = (int) Math.ceil(Math.log10(hi) - 1e-12);
        return new LogScale(low, Math.max(high, low + 1), from, to);
    }

    /** Pixels of {@code value} (&gt; 0). */
    double map(double value) {
        return from + (Math.log10(value) - lowDecade) / (highDecade - lowDecade) * (to - from);
    }

    /** The decades 10^low .. 10^high. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (int d = lowDecade; d <= highDecade; d++) {
            ticks.add(Math.pow(10, d));
        }
        return ticks;
    }
}
