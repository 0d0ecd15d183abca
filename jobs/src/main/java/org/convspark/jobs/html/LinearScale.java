package org.convspark.jobs.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a value domain onto a pixel range linearly, with "nice" ticks: steps of 1, 2, 2.5 or 5
 * times a power of ten, about {@code targetTicks} of them, and the domain widened to whole steps
 * (the usual axis rule of plotting libraries; Heckbert, "Nice numbers for graph labels", Graphics
 * Gems, 1990).
 */
final class LinearScale {
    private final double min;
    private final double max;
    private final double step;
    private final double from;
    private final double to;

    private LinearScale(double min, double max, double step, double from, double to) {
        this.min = min;
        this.max = max;
        this.step = step;
        this.from = from;
        this.to = to;
    }

    /** A scale covering {@code [lo, hi]} (widened to whole ticks) onto pixels {@code from .. to}. */
    static LinearScale nice(double lo, double hi, int targetTicks, double from, double to) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("domain [" + lo + ", " + hi + "] is not a finite interval");
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / Math.max(1, targetTicks));
        double niceLo = Math.floor(lo / step + 1e-9) * step;
        double niceHi = Math.ceil(hi / step - 1e-9) * step;
        return new LinearScale(niceLo, niceHi, step, from, to);
    }

    /** A scale of exactly {@code [lo, hi]} (lo &lt; hi) with ticks at the multiples of {@code step} inside it. */
    static LinearScale exact(double lo, double hi, double step, double from, double to) {
        if (!(lo < hi) || !(step > 0)) {
            throw new IllegalArgumentException("need lo < hi and step > 0, got [" + lo + ", " + hi + "] step " + step);
        }
        return new LinearScale(lo, hi, step, from, to);
    }

    /** The smallest of 1, 2, 2.5, 5 (times a power of ten) at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= rough * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    double step() {
        return step;
    }

    double map(double value) {
        return from + (value - min) / (max - min) * (to - from);
    }

    /** The multiples of the step from {@code min} to {@code max}. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        for (long i = first; i <= last; i++) {
            double t = i * step;
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }
}
