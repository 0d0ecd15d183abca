package org.convspark.jobs.html;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The box a chart draws in: an SVG of {@code width x height} user units (scaled to the page by
 * CSS), a plot area inside margins, axis titles, grid lines and tick labels. The SVG carries
 * {@code class="chart"}, {@code data-chart} (the chart's name, what the page test looks for) and
 * a title for screen readers.
 */
final class ChartFrame {
    static final String AXIS = "#9ca3af";
    static final String GRID = "#e5e7eb";
    static final String LABEL = "#4b5563";

    final double width;
    final double height;
    final double left;
    final double right;
    final double top;
    final double bottom;

    ChartFrame(double width, double height, double marginLeft, double marginRight, double marginTop,
               double marginBottom) {
        this.width = width;
        this.height = height;
        this.left = marginLeft;
        this.right = width - marginRight;
        this.top = marginTop;
        this.bottom = height - marginBottom;
    }

    void open(Markup svg, String chart, String title) {
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "data-chart", chart, "viewBox",
                "0 0 " + Format.attribute(width) + " " + Format.attribute(height), "role", "img", "aria-label", title,
                "font-size", "12");
        svg.element("title", title);
    }

    void close(Markup svg) {
        svg.close("svg");
    }

    /** Horizontal grid lines and labels at {@code ticks} of a vertical scale. */
    void horizontalGrid(Markup svg, List<Double> ticks, DoubleFunction<Double> y, DoubleFunction<String> label) {
        for (double t : ticks) {
            double at = y.apply(t);
            svg.empty("line", "x1", left, "x2", right, "y1", at, "y2", at, "stroke", GRID);
            svg.element("text", label.apply(t), "x", left - 8, "y", at + 4, "text-anchor", "end", "fill", LABEL);
        }
    }

    /** Vertical grid lines and labels at {@code ticks} of a horizontal scale. */
    void verticalGrid(Markup svg, List<Double> ticks, DoubleFunction<Double> x, DoubleFunction<String> label) {
        for (double t : ticks) {
            double at = x.apply(t);
            svg.empty("line", "x1", at, "x2", at, "y1", top, "y2", bottom, "stroke", GRID);
            svg.element("text", label.apply(t), "x", at, "y", bottom + 18, "text-anchor", "middle", "fill", LABEL);
        }
    }

    /** The plot area's left and bottom edges. */
    void axes(Markup svg) {
        svg.empty("line", "x1", left, "x2", left, "y1", top, "y2", bottom, "stroke", AXIS);
        svg.empty("line", "x1", left, "x2", right, "y1", bottom, "y2", bottom, "stroke", AXIS);
    }

    void xTitle(Markup svg, String text) {
        svg.element("text", text, "x", (left + right) / 2, "y", height - 6, "text-anchor", "middle", "fill", LABEL,
                "font-weight", "600");
    }

    void yTitle(Markup svg, String text) {
        double cx = 14;
        double cy = (top + bottom) / 2;
        svg.element("text", text, "x", cx, "y", cy, "text-anchor", "middle", "fill", LABEL, "font-weight", "600",
                "transform", "rotate(-90 " + Format.attribute(cx) + " " + Format.attribute(cy) + ")");
    }

    /** A note in the middle of the plot area, for a chart with nothing to draw. */
    void note(Markup svg, String text) {
        svg.element("text", text, "x", (left + right) / 2, "y", (top + bottom) / 2, "text-anchor", "middle",
                "fill", LABEL, "class", "empty-note");
    }
}
