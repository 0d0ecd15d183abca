package org.convspark.jobs.html;

import java.util.List;
import java.util.Map;
import org.convspark.driver.EpochMetrics;
import org.convspark.engine.report.ParameterReport;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * about a training run: summary cards, learning curves, the confusion matrix on the test data beside
 * the throughput per epoch, parameters per layer, receptive-field growth, the epoch table, and the
 * run's and Spark's settings. Each section is a {@code <section id=...>}; each chart an {@code <svg
 * class="chart" data-chart=...>}. Every value from the run is escaped.
 */
public final class TrainingReport {
    /** The section ids, in page order. */
    public static final List<String> SECTIONS = List.of("summary", "curves", "confusion", "throughput", "parameters",
            "receptive-fields", "epochs", "configuration", "spark");
    /** The charts ({@code data-chart} values). */
    public static final List<String> CHARTS = List.of("loss", "accuracy", "throughput", "parameters",
            "receptive-fields", "confusion");

    private TrainingReport() {
    }

    public static String render(ReportData data) {
        ParameterReport parameters = data.model().parameters();
        String model = parameters.spec().name();
        Markup html = new Markup();
        html.raw("<!DOCTYPE html>").newline().open("html", "lang", "en").open("head").empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", "convspark training report: " + model)
                .open("style").raw(ReportStyle.CSS).close("style").close("head").newline();
        html.open("body").open("header", "class", "top").open("div", "class", "wrap")
                .element("div", "convspark training report", "class", "brand")
                .element("h1", model)
                .element("p", Format.grouped(parameters.totalParams()) + " parameters · input "
                        + parameters.spec().input() + " · " + data.history().size() + " epochs · generated "
                        + data.generatedAt(), "class", "sub")
                .close("div").close("header").newline();
        html.open("main", "class", "wrap");
        summary(html, data);
        TrainingSections.curves(html, data);
        html.open("div", "class", "row2");
        confusion(html, data);
        TrainingSections.throughput(html, data);
        html.close("div");
        ModelSections.parameters(html, data.model());
        ModelSections.receptiveFields(html, data.model());
        TrainingSections.epochTable(html, data);
        html.open("div", "class", "row2");
        settings(html, "configuration", "Run configuration", "The options and data of this run.",
                data.configuration());
        settings(html, "spark", "Spark settings", "The Spark configuration of the run (values of settings whose "
                + "names suggest secrets are hidden).", data.spark());
        html.close("div");
        html.close("main").open("footer").text("Written by convspark. This page is self-contained: it loads nothing "
                + "and runs no script.").close("footer").close("body").close("html").newline();
        return html.toString();
    }

    private static void summary(Markup html, ReportData data) {
        List<EpochMetrics> h = data.history();
        EpochMetrics last = h.isEmpty() ? null : h.get(h.size() - 1);
        double seconds = h.stream().mapToDouble(EpochMetrics::seconds).sum();
        double throughput = TrainingSections.overall(h);
        html.open("div", "id", "summary", "class", "cards");
        if (last != null && !Double.isNaN(last.testAccuracy())) {
            card(html, "test accuracy", Format.percent(last.testAccuracy()), "after epoch " + last.epoch());
        } else {
            card(html, "test accuracy", "–", "no test data");
        }
        card(html, "train accuracy", last == null ? "–" : Format.percent(last.trainAccuracy()),
                last == null ? "" : "epoch " + last.epoch());
        card(html, "loss", last == null ? "–" : Format.fixed(last.trainLoss(), 4), last == null ? ""
                : Double.isNaN(last.testLoss()) ? "train" : "train · test " + Format.fixed(last.testLoss(), 4));
        card(html, "throughput", Double.isNaN(throughput) ? "–" : Format.compact(throughput), "images / s");
        card(html, "training time", Format.duration(seconds), h.stream().mapToLong(EpochMetrics::steps).sum()
                + " steps");
        card(html, "parameters", Format.compact(data.model().parameters().totalParams()),
                Format.grouped(data.model().parameters().totalParams()));
        html.close("div");
    }

    private static void card(Markup html, String label, String value, String detail) {
        html.open("div", "class", "card").element("div", label, "class", "label").element("div", value, "class", "value")
                .element("div", detail, "class", "detail").close("div");
    }

    private static void confusion(Markup html, ReportData data) {
        html.open("section", "id", "confusion").element("h2", "Confusion matrix");
        if (data.test() == null || data.test().count() == 0) {
            html.element("p", "No test data: the confusion matrix is computed on the test set after training (give "
                    + "--test-data, or use a data directory with a test split).", "class", "note");
        } else {
            html.element("p", "The trained model on the " + Format.grouped(data.test().count()) + " test samples: "
                    + Format.percent(data.test().accuracy()) + " correct, mean loss " + Format.fixed(
                    data.test().meanLoss(), 4) + ". Rows are true classes, columns predicted ones; shading is the share "
                    + "of the row (blue: right, red: confused).", "class", "lead");
            html.raw(ConfusionMatrixTable.render(data.test()));
        }
        html.close("section");
    }

    private static void settings(Markup html, String id, String title, String lead, Map<String, String> values) {
        html.open("section", "id", id).element("h2", title).element("p", lead, "class", "lead");
        if (values.isEmpty()) {
            html.element("p", "None recorded.", "class", "note");
        } else {
            html.open("table", "class", "kv").open("tbody");
            for (Map.Entry<String, String> e : values.entrySet()) {
                html.open("tr").element("td", e.getKey()).element("td", e.getValue()).close("tr");
            }
            html.close("tbody").close("table");
        }
        html.close("section");
    }
}
