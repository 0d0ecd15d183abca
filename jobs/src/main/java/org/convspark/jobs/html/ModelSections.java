package org.convspark.jobs.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.convspark.engine.report.ModelReport;
import org.convspark.engine.report.ParameterReport;
import org.convspark.engine.report.ReceptiveFieldReport;
import org.convspark.engine.tensor.Shape;

/** The sections about the network: its parameters per layer and how far its units see. */
final class ModelSections {
    private ModelSections() {
    }

    /** A layer's label in charts: its index and its node name, or its type when it has none. */
    static String layerName(int index, String type, String name) {
        return index + " " + (name == null ? type : name);
    }

    /** The type column: the type, and the node's name in a graph. */
    private static String typeCell(String type, String name) {
        return name == null ? type : type + " (" + name + ")";
    }

    static void parameters(Markup html, ModelReport report) {
        ParameterReport p = report.parameters();
        List<String> layers = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (ParameterReport.Row r : p.rows()) {
            if (r.params() > 0 || r.fullyConnectedParams() != null) {
                layers.add(layerName(r.index(), r.type(), r.name()));
                values.add(new double[] {r.params(), orNaN(r.locallyConnectedParams()), orNaN(r.fullyConnectedParams())});
            }
        }
        List<Series> series = List.of(column("as built (shared weights)", ReportStyle.BUILT, values, 0),
                column("locally connected (no sharing)", ReportStyle.LOCAL, values, 1),
                column("fully connected", ReportStyle.DENSE, values, 2));
        html.open("section", "id", "parameters").element("h2", "Parameters");
        html.element("p", Format.grouped(p.totalParams()) + " parameters, " + Format.compact(p.totalFlops())
                + " FLOPs per image (forward pass, 2 x multiply-adds). For each conv layer the chart also shows "
                + "what the same mapping would cost without weight sharing (locally connected) and without "
                + "locality (fully connected); the axis is logarithmic.", "class", "lead");
        html.raw(new LogBarChart("parameters", "Parameters per layer (log scale)", "parameters (log scale)")
                .render(layers, series));
        html.raw(TrainingSections.legend(series));
        html.open("div", "class", "scroll").open("table", "class", "parameters", "style", "margin-top:14px")
                .open("thead").open("tr");
        for (String column : new String[] {"layer", "type", "output", "params", "locally connected", "fully connected",
            "FLOPs", "activations"}) {
            html.element("th", column, "class", column.equals("layer") || column.equals("type")
                    || column.equals("output") ? null : "num");
        }
        html.close("tr").close("thead").open("tbody");
        for (ParameterReport.Row r : p.rows()) {
            html.open("tr").element("td", Integer.toString(r.index())).element("td", typeCell(r.type(), r.name()))
                    .element("td", r.output().toString());
            number(html, r.params());
            number(html, r.locallyConnectedParams());
            number(html, r.fullyConnectedParams());
            number(html, r.flops());
            number(html, r.activations());
            html.close("tr");
        }
        html.open("tr", "class", "total").element("td", "").element("td", "total").element("td", "");
        number(html, p.totalParams());
        html.element("td", "").element("td", "");
        number(html, p.totalFlops());
        number(html, p.totalActivations());
        html.close("tr").close("tbody").close("table").close("div").close("section");
    }

    private static void number(Markup html, Long value) {
        html.element("td", value == null ? "–" : Format.grouped(value), "class", "num");
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }

    private static Series column(String name, String color, List<double[]> rows, int k) {
        return new Series(name, color, rows.stream().mapToDouble(r -> r[k]).toArray());
    }

    static void receptiveFields(Markup html, ModelReport report) {
        ReceptiveFieldReport rf = report.receptiveFields();
        Shape input = rf.spec().input();
        int dims = input.rank() - 1;
        boolean square = rf.rows().stream().filter(ReceptiveFieldReport.Row::defined)
                .allMatch(r -> LongStream.of(r.receptiveField()).distinct().count() == 1)
                && Arrays.stream(input.dims()).skip(1).distinct().count() == 1;
        List<String> layers = new ArrayList<>();
        int seriesCount = square ? 1 : dims;
        double[][] field = new double[seriesCount][rf.rows().size()];
        double[] jump = new double[rf.rows().size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < rf.rows().size(); i++) {
            ReceptiveFieldReport.Row r = rf.rows().get(i);
            layers.add(layerName(r.index(), r.type(), r.name()));
            for (int d = 0; d < seriesCount; d++) {
                field[d][i] = r.defined() ? r.receptiveField()[d] : Double.NaN;
            }
            jump[i] = r.defined() ? r.jump()[0] : Double.NaN;
            missing.add(r.defined() ? null : r.extent().text());
        }
        String[] axisNames = dims == 1 ? new String[] {"length"} : dims == 2 ? new String[] {"height", "width"}
                : new String[] {"depth", "height", "width"};
        List<Series> series = new ArrayList<>();
        for (int d = 0; d < seriesCount; d++) {
            series.add(new Series(square ? "receptive field r" : "receptive field r (" + axisNames[d] + ")",
                    d == 0 ? ReportStyle.FIELD : ReportStyle.FIELD_SECOND, field[d]));
        }
        series.add(new Series(square ? "jump j" : "jump j (" + axisNames[0] + ")", ReportStyle.JUMP, jump));
        int extent = Arrays.stream(input.dims()).skip(1).max().orElse(1);
        html.open("section", "id", "receptive-fields").element("h2", "Receptive fields");
        html.element("p", "How many input pixels one unit of each layer sees (r) and how far apart neighbouring units "
                + "are in the input (j): r grows by (k - 1) x dilation x j at every conv and pooling window. From the "
                + "first flatten, linear or global pooling layer on, every unit sees the whole input.", "class", "lead");
        html.raw(new BarChart("receptive-fields", "Receptive field growth per layer", "layer", "input pixels", 1040)
                .reference(extent, "input " + Arrays.stream(input.dims()).skip(1).mapToObj(Integer::toString)
                        .collect(Collectors.joining("x")) + " px")
                .missingLabel(ReceptiveFieldReport.Extent.WHOLE_INPUT.text()).missingLabels(missing)
                .render(layers, series));
        html.raw(TrainingSections.legend(series));
        html.open("div", "class", "scroll").open("table", "class", "fields", "style", "margin-top:14px").open("thead")
                .open("tr");
        for (String column : new String[] {"layer", "type", "output", "receptive field r", "jump j", "start"}) {
            html.element("th", column);
        }
        html.close("tr").close("thead").open("tbody");
        for (ReceptiveFieldReport.Row r : rf.rows()) {
            html.open("tr").element("td", Integer.toString(r.index())).element("td", typeCell(r.type(), r.name()))
                    .element("td", r.output().toString());
            if (r.defined()) {
                html.element("td", joined(r.receptiveField())).element("td", joined(r.jump()))
                        .element("td", Arrays.stream(r.start()).mapToObj(ReceptiveFieldReport::coordinate)
                                .collect(Collectors.joining(", ", "(", ")")));
            } else {
                html.element("td", r.extent().text()).element("td", "–").element("td", "–");
            }
            html.close("tr");
        }
        html.close("tbody").close("table").close("div").close("section");
    }

    private static String joined(long[] values) {
        return LongStream.of(values).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }
}
