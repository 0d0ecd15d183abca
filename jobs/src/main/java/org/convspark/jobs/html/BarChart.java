package org.convspark.jobs.html;

import java.util.List;

/**
 * Vertical bars on a linear scale from 0: one group per category (an epoch, a layer), one bar per
 * {@link Series} in it, each with its value as a tooltip and, when there is room, as a label. A
 * category whose values are all NaN gets the missing-value label instead (say "whole input"); an
 * optional dashed reference line marks a level (say the input size).
 */
final class BarChart {
    /** Beyond this many bars the value labels would overlap; tooltips still carry the values. */
    private static final int MAX_VALUE_LABELS = 40;
    /** Category labels longer than this, or more categories than fit flat, are drawn slanted. */
    private static final int FLAT_LABEL_CHARS = 6;

    private final String chart;
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final double width;
    private double reference = Double.NaN;
    private String referenceLabel;
    private String missingLabel = "";
    /** Per category, what a category without values says instead (null: {@link #missingLabel}). */
    private List<String> missingLabels = List.of();

    BarChart(String chart, String title, String xTitle, String yTitle, double width) {
        this.chart = chart;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.width = width;
    }

    BarChart reference(double value, String label) {
        this.reference = value;
        this.referenceLabel = label;
        return this;
    }

    BarChart missingLabel(String label) {
        this.missingLabel = label;
        return this;
    }

    /**
     * What each category without values says, when categories differ in why (null entries: the
     * {@link #missingLabel}); only those saying the {@link #missingLabel} get the pale bar up to the
     * reference level.
     */
    BarChart missingLabels(List<String> labels) {
        this.missingLabels = List.copyOf(labels.stream().map(l -> l == null ? "" : l).toList());
        return this;
    }

    String render(List<String> categories, List<Series> series) {
        boolean slanted = categories.size() > 14 || categories.stream().anyMatch(c -> c.length() > FLAT_LABEL_CHARS);
        ChartFrame frame = new ChartFrame(width, slanted ? 330 : 290, 72, 20, 22, slanted ? 92 : 46);
        Markup svg = new Markup();
        frame.open(svg, chart, title);
        double hi = Double.isNaN(reference) ? 0 : reference;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    hi = Math.max(hi, v);
                }
            }
        }
        if (categories.isEmpty() || hi <= 0) {
            frame.axes(svg);
            frame.note(svg, categories.isEmpty() ? "nothing to show" : "all values are 0");
            frame.close(svg);
            return svg.toString();
        }
        LinearScale y = LinearScale.nice(0, hi * 1.08, 5, frame.bottom, frame.top);
        frame.horizontalGrid(svg, y.ticks(), y::map, t -> Format.tick(t, y.step()));
        double band = (frame.right - frame.left) / categories.size();
        double barWidth = Math.min(48, band * 0.72 / series.size());
        boolean labels = categories.size() * series.size() <= MAX_VALUE_LABELS;
        for (int c = 0; c < categories.size(); c++) {
            double groupLeft = frame.left + band * c + (band - barWidth * series.size()) / 2;
            boolean any = false;
            for (int k = 0; k < series.size(); k++) {
                double v = series.get(k).value(c);
                if (!Double.isFinite(v)) {
                    continue;
                }
                any = true;
                double x = groupLeft + k * barWidth;
                double top = y.map(v);
                svg.open("rect", "class", "bar", "x", x + 1, "y", top, "width", Math.max(1, barWidth - 2), "height",
                        frame.bottom - top, "fill", series.get(k).color(), "rx", 2);
                svg.element("title", categories.get(c) + ": " + series.get(k).name() + " " + Format.fixed(v, v
                        == Math.rint(v) ? 0 : 1));
                svg.close("rect");
                if (labels) {
                    svg.element("text", Format.compact(v), "x", x + barWidth / 2, "y", top - 5, "text-anchor",
                            "middle", "fill", ChartFrame.LABEL, "font-size", "11");
                }
            }
            double center = frame.left + band * (c + 0.5);
            String missing = c < missingLabels.size() && !missingLabels.get(c).isEmpty() ? missingLabels.get(c)
                    : missingLabel;
            if (!any && !missing.isEmpty()) {
                // With a reference level (the input size) the missing label's value reads as "all of it": a
                // pale bar up to it; another reason gets its words only.
                boolean all = missing.equals(missingLabel) && !Double.isNaN(reference);
                double top = all ? y.map(reference) : frame.bottom - 22;
                if (all) {
                    svg.empty("rect", "class", "missing", "x", groupLeft + 1, "y", top, "width",
                            Math.max(1, barWidth * series.size() - 2), "height", frame.bottom - top, "fill",
                            series.get(0).color(), "fill-opacity", 0.16, "rx", 2);
                }
                svg.element("text", missing, "x", center, "y", top + 16, "text-anchor", "middle",
                        "fill", ChartFrame.LABEL, "font-size", "11", "font-style", "italic");
            }
            if (slanted) {
                svg.element("text", categories.get(c), "x", center, "y", frame.bottom + 14, "text-anchor", "end",
                        "fill", ChartFrame.LABEL, "transform", "rotate(-35 " + Format.attribute(center) + " "
                                + Format.attribute(frame.bottom + 14) + ")");
            } else {
                svg.element("text", categories.get(c), "x", center, "y", frame.bottom + 18, "text-anchor", "middle",
                        "fill", ChartFrame.LABEL);
            }
        }
        if (!Double.isNaN(reference)) {
            double at = y.map(reference);
            svg.empty("line", "class", "reference", "x1", frame.left, "x2", frame.right, "y1", at, "y2", at, "stroke",
                    "#6b7280", "stroke-dasharray", "6 4", "stroke-width", 1.5);
            svg.element("text", referenceLabel, "x", frame.left + 6, "y", at - 6, "fill", "#374151", "font-size", "11");
        }
        frame.axes(svg);
        frame.xTitle(svg, xTitle);
        frame.yTitle(svg, yTitle);
        frame.close(svg);
        return svg.toString();
    }
}
