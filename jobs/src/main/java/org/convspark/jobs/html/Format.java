package org.convspark.jobs.html;

import java.util.Locale;

/** Numbers as the report shows them; always in {@link Locale#ROOT}, so a report does not depend on the JVM's locale. */
final class Format {
    private Format() {
    }

    /** An attribute value: SVG coordinates with at most two decimals, other values as they print. */
    static String attribute(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            String text = String.format(Locale.ROOT, "%.2f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
            return text.equals("-0") ? "0" : text;
        }
        return String.valueOf(value);
    }

    /** {@code 1,234,567}. */
    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 950}, {@code 12k}, {@code 1.5M}, {@code 2.3G}: for axis labels. */
    static String compact(double value) {
        double a = Math.abs(value);
        String[] units = {"", "k", "M", "G", "T"};
        int u = 0;
        while (a >= 1000 && u < units.length - 1) {
            a /= 1000;
            value /= 1000;
            u++;
        }
        String number = a >= 10 || a == Math.rint(a) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + units[u];
    }

    /** {@code 97.65%} from a fraction. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** Fixed decimals, or a dash for NaN. */
    static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A tick label for a linear axis with ticks {@code step} apart: just enough decimals. */
    static String tick(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(value) >= 10_000) {
            return compact(value);
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
    }

    /** Seconds as {@code 42.0 s}, {@code 3 min 05 s} or {@code 1 h 02 min}. */
    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
