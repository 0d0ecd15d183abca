package org.convspark.jobs.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch curves: x is the epoch (1 .. n), one polyline per {@link Series} with a marker per
 * epoch carrying its value as a tooltip ({@code <title>}, no script). A NaN value breaks the line.
 * Percent charts take fractions and label the axis in percent up to 100%; other charts start at 0.
 */
final class LineChart {
    private static final ChartFrame FRAME = new ChartFrame(520, 300, 64, 20, 16, 46);
    /** Above this many epochs markers would crowd the line; the tooltips go with them. */
    private static final int MAX_MARKERS = 60;

    private final String chart;
    private final String title;
    private final String yTitle;
    private final boolean percent;

    LineChart(String chart, String title, String yTitle, boolean percent) {
        this.chart = chart;
        this.title = title;
        this.yTitle = yTitle;
        this.percent = percent;
    }

    String render(List<Series> series) {
        Markup svg = new Markup();
        FRAME.open(svg, chart, title);
        List<Series> drawn = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int epochs = 0;
        for (Series s : series) {
            if (s.isEmpty()) {
                continue;
            }
            drawn.add(s);
            epochs = Math.max(epochs, s.size());
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (drawn.isEmpty()) {
            FRAME.axes(svg);
            FRAME.note(svg, "no epochs to show");
            FRAME.close(svg);
            return svg.toString();
        }
        LinearScale y = percent ? LinearScale.nice(Math.max(0, lo - 0.02), 1, 5, FRAME.bottom, FRAME.top)
                : LinearScale.nice(0, hi, 5, FRAME.bottom, FRAME.top);
        LinearScale x = epochs == 1 ? LinearScale.exact(0, 2, 1, FRAME.left, FRAME.right) : xScale(epochs);
        FRAME.horizontalGrid(svg, y.ticks(), y::map, t -> percent ? Format.tick(100 * t, 100 * y.step()) + "%"
                : Format.tick(t, y.step()));
        // Ticks at 1, 1 + step, ...: the first epoch is always labelled and the spacing stays even.
        List<Double> xTicks = new ArrayList<>();
        for (double t = 1; t <= epochs; t += x.step()) {
            xTicks.add(t);
        }
        FRAME.verticalGrid(svg, xTicks, x::map, t -> Long.toString((long) t));
        FRAME.axes(svg);
        FRAME.xTitle(svg, "epoch");
        FRAME.yTitle(svg, yTitle);
        for (Series s : drawn) {
            line(svg, s, x, y);
        }
        FRAME.close(svg);
        return svg.toString();
    }

    /** Epochs 1 .. n across the plot, ticks at whole epochs about eight apart at most. */
    private static LinearScale xScale(int epochs) {
        double step = Math.max(1, LinearScale.niceStep((epochs - 1) / 8.0));
        return LinearScale.exact(1, epochs, Math.rint(step), FRAME.left, FRAME.right);
    }

    private void line(Markup svg, Series s, LinearScale x, LinearScale y) {
        svg.open("g", "class", "series", "data-series", s.name());
        StringBuilder points = new StringBuilder();
        for (int i = 0; i <= s.size(); i++) {
            double v = i < s.size() ? s.value(i) : Double.NaN;
            if (Double.isFinite(v)) {
                points.append(Format.attribute(x.map(i + 1))).append(',').append(Format.attribute(y.map(v)))
                        .append(' ');
            } else if (points.length() > 0) {
                svg.empty("polyline", "points", points.toString().trim(), "fill", "none", "stroke", s.color(),
                        "stroke-width", 2.5, "stroke-linejoin", "round", "stroke-linecap", "round");
                points.setLength(0);
            }
        }
        if (s.size() <= MAX_MARKERS) {
            for (int i = 0; i < s.size(); i++) {
                double v = s.value(i);
                if (Double.isFinite(v)) {
                    svg.open("circle", "cx", x.map(i + 1), "cy", y.map(v), "r", 3.5, "fill", "#ffffff", "stroke",
                            s.color(), "stroke-width", 2);
                    svg.element("title", "epoch " + (i + 1) + ": " + s.name() + " "
                            + (percent ? Format.percent(v) : Format.fixed(v, 4)));
                    svg.close("circle");
                }
            }
        }
        svg.close("g");
    }
}
