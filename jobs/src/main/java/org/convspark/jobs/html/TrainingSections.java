package org.convspark.jobs.html;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.convspark.driver.EpochMetrics;

/** The sections about the run itself: learning curves, throughput and the per-epoch table. */
final class TrainingSections {
    private TrainingSections() {
    }

    static Series series(String name, String color, List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> f) {
        return new Series(name, color, history.stream().mapToDouble(f).toArray());
    }

    static String legend(List<Series> series) {
        Markup html = new Markup().open("div", "class", "legend");
        for (Series s : series) {
            if (!s.isEmpty()) {
                html.open("span").open("span", "class", "swatch", "style", "background:" + s.color()).close("span")
                        .text(s.name()).close("span");
            }
        }
        return html.close("div").toString();
    }

    static void curves(Markup html, ReportData data) {
        List<EpochMetrics> h = data.history();
        List<Series> loss = List.of(
                series("train", ReportStyle.TRAIN, h, EpochMetrics::trainLoss),
                series("test", ReportStyle.TEST, h, EpochMetrics::testLoss));
        List<Series> accuracy = List.of(
                series("train", ReportStyle.TRAIN, h, EpochMetrics::trainAccuracy),
                series("test", ReportStyle.TEST, h, EpochMetrics::testAccuracy));
        html.open("section", "id", "curves").element("h2", "Learning curves");
        html.element("p", "Mean cross-entropy loss and accuracy per epoch. Train values are averaged over the epoch's "
                + "steps while the parameters change; test values are measured after the epoch."
                + (data.hasTestData() ? "" : " This run had no test data."), "class", "lead");
        html.open("div", "class", "grid2");
        figure(html, "loss", "Loss", new LineChart("loss", "Loss per epoch", "cross-entropy", false).render(loss),
                legend(loss));
        figure(html, "accuracy", "Accuracy", new LineChart("accuracy", "Accuracy per epoch", "accuracy", true)
                .render(accuracy), legend(accuracy));
        html.close("div").close("section");
    }

    private static void figure(Markup html, String id, String caption, String svg, String legend) {
        html.open("figure", "id", id + "-figure").element("figcaption", caption).raw(svg).raw(legend).close("figure");
    }

    static void throughput(Markup html, ReportData data) {
        List<EpochMetrics> h = data.history();
        List<String> epochs = new ArrayList<>();
        for (EpochMetrics m : h) {
            epochs.add(Integer.toString(m.epoch()));
        }
        Series rate = series("images/s", ReportStyle.THROUGHPUT, h, EpochMetrics::imagesPerSecond);
        html.open("section", "id", "throughput").element("h2", "Throughput");
        html.element("p", "Training images per second of wall time in each epoch (steps only; the test evaluation is "
                + "not counted). " + (h.isEmpty() ? "" : "Overall " + Format.compact(overall(h)) + " images/s; the "
                + "first epoch includes Spark's and the JIT's warm-up."), "class", "lead");
        html.raw(new BarChart("throughput", "Images per second per epoch", "epoch", "images / s", 520)
                .render(epochs, List.of(rate)));
        html.close("section");
    }

    /** Images per second over the whole run: all epochs' samples over all their seconds. */
    static double overall(List<EpochMetrics> history) {
        double seconds = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        return seconds > 0 ? history.stream().mapToLong(EpochMetrics::samples).sum() / seconds : Double.NaN;
    }

    static void epochTable(Markup html, ReportData data) {
        html.open("section", "id", "epochs").element("h2", "Epochs");
        if (data.history().isEmpty()) {
            html.element("p", "No epoch ran in this run (it resumed from a checkpoint at the end).", "class", "note");
            html.close("section");
            return;
        }
        html.open("div", "class", "scroll").open("table", "class", "epochs").open("thead").open("tr");
        for (String column : new String[] {"epoch", "steps", "train loss", "train acc", "test loss", "test acc",
            "images/s", "seconds", "outside engine"}) {
            html.element("th", column, "class", column.equals("epoch") ? null : "num");
        }
        html.close("tr").close("thead").open("tbody");
        for (EpochMetrics m : data.history()) {
            html.open("tr");
            html.element("td", Integer.toString(m.epoch()));
            html.element("td", Format.grouped(m.steps()), "class", "num");
            html.element("td", Format.fixed(m.trainLoss(), 4), "class", "num");
            html.element("td", Format.percent(m.trainAccuracy()), "class", "num");
            html.element("td", Format.fixed(m.testLoss(), 4), "class", "num");
            html.element("td", Format.percent(m.testAccuracy()), "class", "num");
            html.element("td", Format.grouped(Math.round(m.imagesPerSecond())), "class", "num");
            html.element("td", Format.fixed(m.seconds(), 1), "class", "num");
            html.element("td", Format.percent(m.overheadShare()), "class", "num", "title",
                    "share of step time spent outside the engine: broadcast, scheduling, aggregation, optimizer");
            html.close("tr");
        }
        html.close("tbody").close("table").close("div").close("section");
    }
}
