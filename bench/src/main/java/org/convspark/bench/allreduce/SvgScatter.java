package org.convspark.bench.allreduce;

import java.util.List;
import java.util.Locale;

/**
 * A log-log scatter plot of predicted against measured values, as standalone SVG for the docs:
 * one colour per series, hollow marks for held-out points, the y = x line, decade grid lines.
 * Hand-written (like the HTML report's charts) because it is a few dozen lines of SVG and the
 * bench module should not pull a charting library for one figure.
 */
final class SvgScatter {
    record Point(String series, double measured, double predicted, boolean heldOut) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int SIZE = 420;
    private static final int MARGIN = 56;

    private SvgScatter() {
    }

    static String render(String title, String unit, List<String> series, List<Point> points) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Point p : points) {
            lo = Math.min(lo, Math.min(p.measured(), p.predicted()));
            hi = Math.max(hi, Math.max(p.measured(), p.predicted()));
        }
        double from = Math.floor(Math.log10(lo));
        double to = Math.ceil(Math.log10(hi));
        StringBuilder svg = new StringBuilder();
        int width = SIZE + MARGIN + 150;
        int height = SIZE + MARGIN + 30;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", MARGIN,
                escape(title)));
        for (double d = from; d <= to; d++) {
            double at = scale(d, from, to);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    MARGIN + at, 30, MARGIN + at, 30 + SIZE, MARGIN, 30 + SIZE - at, MARGIN + SIZE, 30 + SIZE - at));
            String label = unit.isEmpty() ? decade(d) : decade(d) + " " + unit;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    MARGIN + at, 30 + SIZE + 16, label, MARGIN - 4, 30 + SIZE - at + 4, label));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" "
                + "stroke-dasharray=\"4 3\"/>%n", MARGIN, 30 + SIZE, MARGIN + SIZE, 30));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">measured</text>%n",
                MARGIN + SIZE / 2, height - 4));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">predicted</text>%n", 30 + SIZE / 2, 30 + SIZE / 2));
        for (Point p : points) {
            String colour = COLOURS[series.indexOf(p.series()) % COLOURS.length];
            double x = MARGIN + scale(Math.log10(p.measured()), from, to);
            double y = 30 + SIZE - scale(Math.log10(p.predicted()), from, to);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" stroke=\"%s\" fill=\"%s\"/>%n",
                    x, y, colour, p.heldOut() ? "none" : colour));
        }
        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", MARGIN + SIZE + 20, 50 + 18 * i, colour,
                    MARGIN + SIZE + 30, 54 + 18 * i, escape(series.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" stroke=\"#333\" fill=\"#333\"/>"
                + "<text x=\"%d\" y=\"%d\">fitted on</text>%n", MARGIN + SIZE + 20, 70 + 18 * series.size(),
                MARGIN + SIZE + 30, 74 + 18 * series.size()));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" stroke=\"#333\" fill=\"none\"/>"
                + "<text x=\"%d\" y=\"%d\">held out</text>%n", MARGIN + SIZE + 20, 88 + 18 * series.size(),
                MARGIN + SIZE + 30, 92 + 18 * series.size()));
        return svg.append("</svg>\n").toString();
    }

    private static double scale(double decade, double from, double to) {
        return (decade - from) / (to - from) * SIZE;
    }

    private static String decade(double d) {
        double v = Math.pow(10, d);
        return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
