package org.convspark.jobs.html;

import java.util.List;

/**
 * Horizontal bars on a log scale, one group per category (a layer) and one bar per {@link Series}
 * (parameters as built, and what the same mapping would cost locally or fully connected), each
 * labelled with its exact value. A log axis because the three differ by orders of magnitude: a
 * 2,416-parameter conv is 1.2 million parameters fully connected. Values of 0 or NaN get no bar.
 */
final class LogBarChart {
    private static final double ROW = 15;
    private static final double GROUP_GAP = 12;

    private final String chart;
    private final String title;
    private final String xTitle;

    LogBarChart(String chart, String title, String xTitle) {
        this.chart = chart;
        this.title = title;
        this.xTitle = xTitle;
    }

    String render(List<String> categories, List<Series> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double groupHeight = 0;
        for (int c = 0; c < categories.size(); c++) {
            groupHeight += bars(series, c) * ROW + GROUP_GAP;
        }
        ChartFrame frame = new ChartFrame(1040, Math.max(120, groupHeight + 70), 150, 90, 12, 46);
        Markup svg = new Markup();
        frame.open(svg, chart, title);
        if (hi == 0) {
            frame.axes(svg);
            frame.note(svg, "no layer has parameters");
            frame.close(svg);
            return svg.toString();
        }
        LogScale x = LogScale.covering(lo, hi, frame.left, frame.right);
        frame.verticalGrid(svg, x.ticks(), x::map, Format::compact);
        double y = frame.top + GROUP_GAP / 2;
        for (int c = 0; c < categories.size(); c++) {
            int n = bars(series, c);
            if (n == 0) {
                continue;
            }
            svg.element("text", categories.get(c), "x", frame.left - 10, "y", y + n * ROW / 2 + 4, "text-anchor", "end",
                    "fill", "#1f2937", "font-weight", "600");
            for (Series s : series) {
                double v = s.value(c);
                if (!(v > 0) || !Double.isFinite(v)) {
                    continue;
                }
                double end = x.map(v);
                svg.open("rect", "class", "bar", "x", frame.left, "y", y + 1.5, "width", Math.max(1.5, end - frame.left),
                        "height", ROW - 3, "fill", s.color(), "rx", 2);
                svg.element("title", categories.get(c) + ": " + s.name() + " " + Format.grouped((long) v));
                svg.close("rect");
                svg.element("text", Format.grouped((long) v), "x", end + 5, "y", y + ROW - 4, "fill", "#374151",
                        "font-size", "11");
                y += ROW;
            }
            y += GROUP_GAP;
        }
        frame.axes(svg);
        frame.xTitle(svg, xTitle);
        frame.close(svg);
        return svg.toString();
    }

    private static int bars(List<Series> series, int category) {
        int n = 0;
        for (Series s : series) {
            double v = s.value(category);
            n += v > 0 && Double.isFinite(v) ? 1 : 0;
        }
        return n;
    }
}
