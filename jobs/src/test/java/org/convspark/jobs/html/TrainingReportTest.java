package org.convspark.jobs.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.report.ModelReport;
import org.junit.jupiter.api.Test;

class TrainingReportTest {
    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The markup of the chart {@code <svg ... data-chart="name">}. */
    static String chart(String html, String name) {
        int start = html.lastIndexOf("<svg", html.indexOf("data-chart=\"" + name + "\""));
        return html.substring(start, html.indexOf("</svg>", start) + 6);
    }

    /** Writes the sample page where scripts/report-screenshot.sh can take it: target/report-sample/report.html. */
    @Test
    void everySectionAndChartIsOnTheSelfContainedPage() throws IOException {
        String html = TrainingReport.render(SampleRun.lenet5());
        Path out = Path.of("target", "report-sample", "report.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String section : TrainingReport.SECTIONS) {
            assertEquals(1, count(html, "id=\"" + section + "\""), section);
        }
        for (String chart : TrainingReport.CHARTS) {
            assertEquals(1, count(html, "data-chart=\"" + chart + "\""), chart);
        }
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("url("));
        assertFalse(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").contains("://"),
                "nothing may be fetched");
        assertFalse(html.contains("NaN") || html.contains("Infinity"));
        // Loss and accuracy: a train and a test line each, one marker per epoch.
        assertEquals(2, count(chart(html, "loss"), "<polyline"));
        assertEquals(24, count(chart(html, "accuracy"), "<circle"));
        assertEquals(12, count(chart(html, "throughput"), "class=\"bar\""));
        // Parameters: conv layers have three bars (built, locally, fully connected), linear layers one.
        assertEquals(2 * 3 + 3, count(chart(html, "parameters"), "class=\"bar\""));
        assertEquals(100, count(html.substring(html.indexOf("data-chart=\"confusion\"")), "<td style="));
    }

    @Test
    void valuesFromTheRunAreEscaped() {
        ReportData sample = SampleRun.lenet5();
        List<String> classes = List.of("<script>alert(1)</script>", "a&b", "\"quoted\"", "it's", "4", "5", "6", "7",
                "8", "9");
        ReportData hostile = new ReportData(sample.history(), sample.model(), SampleRun.evaluation(classes),
                Map.of("data", "/tmp/<img src=x onerror=alert(1)>"), Map.of("spark.app.name", "a\" onload=\"x"),
                "<now>");
        String html = TrainingReport.render(hostile);
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<now>"));
        assertFalse(html.contains("a\" onload"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("a&amp;b"));
        assertTrue(html.contains("&quot;quoted&quot;"));
        assertTrue(html.contains("it&#39;s"));
        assertTrue(html.contains("/tmp/&lt;img src=x onerror=alert(1)&gt;"));
        assertEquals("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
                Markup.escape("<a href=\"x\">Tom & Jerry's</a>"));
    }

    @Test
    void aRunWithoutTestDataSaysSoInsteadOfDrawingIt() {
        ReportData sample = SampleRun.lenet5();
        ReportData noTest = new ReportData(SampleRun.history(5, false), sample.model(), null, Map.of(), Map.of(),
                "today");
        String html = TrainingReport.render(noTest);
        for (String section : TrainingReport.SECTIONS) {
            assertTrue(html.contains("id=\"" + section + "\""), section);
        }
        assertTrue(html.contains("no test data"));
        assertTrue(html.contains("No test data: the confusion matrix"));
        assertFalse(html.contains("data-chart=\"confusion\""));
        assertFalse(chart(html, "loss").contains("data-series=\"test\""));
        assertTrue(chart(html, "loss").contains("data-series=\"train\""));
        assertTrue(html.contains("This run had no test data."));
        assertFalse(html.contains("NaN"));
        assertTrue(html.contains("None recorded."));
    }

    @Test
    void aRunWithoutEpochsStillRenders() {
        ReportData empty = new ReportData(List.of(), ModelReport.of(ModelZoo.get("cifar-small")), null, Map.of(),
                Map.of(), "today");
        String html = TrainingReport.render(empty);
        assertTrue(chart(html, "loss").contains("no epochs to show"));
        assertTrue(chart(html, "throughput").contains("nothing to show"));
        assertTrue(html.contains("No epoch ran in this run"));
        assertFalse(html.contains("NaN") || html.contains("Infinity"));
    }

    @Test
    void aGraphShowsItsNodeNamesAndFields() {
        ReportData sample = SampleRun.lenet5();
        String html = TrainingReport.render(new ReportData(sample.history(), ModelReport.of(ModelZoo.get("resnet20")),
                sample.test(), Map.of(), Map.of(), "today"));
        assertTrue(html.contains("add (stage2.block1.add)") && html.contains("stage3.block1.shortcut.conv"), html);
        assertTrue(html.contains("21x21"), "the merge's field");
        assertFalse(html.contains("NaN") || html.contains("Infinity"));
    }

    @Test
    void aNodeThatIsNotAlignedSaysSoInTheFieldChartInsteadOfWholeInput() {
        ReportData sample = SampleRun.lenet5();
        org.convspark.engine.spec.ModelSpec jumps = org.convspark.engine.spec.ModelSpecJson.parse("""
                {"name": "jumps", "input": [1, 16, 16], "layers": [
                  {"name": "a", "type": "conv", "out_channels": 2, "kernel": 4, "stride": 4},
                  {"name": "b", "type": "conv", "out_channels": 2, "kernel": 9, "stride": 2, "inputs": "input"},
                  {"name": "sum", "type": "add", "inputs": ["a", "b"]},
                  {"type": "flatten"}, {"type": "linear", "out_features": 2}]}""", "jumps.json");
        String fields = chart(TrainingReport.render(new ReportData(sample.history(), ModelReport.of(jumps),
                sample.test(), Map.of(), Map.of(), "today")), "receptive-fields");
        assertEquals(1, count(fields, ">not aligned<"), fields);
        assertEquals(2, count(fields, ">whole input<"), "flatten and linear: " + fields);
    }

    @Test
    void oneEpochIsAPointNotADivisionByZero() {
        ReportData sample = SampleRun.lenet5();
        String html = TrainingReport.render(new ReportData(SampleRun.history(1, true), sample.model(), sample.test(),
                Map.of(), Map.of(), "today"));
        assertEquals(4, count(chart(html, "loss") + chart(html, "accuracy"), "<circle"));
        assertFalse(html.contains("NaN") || html.contains("Infinity"));
    }

    @Test
    void parameterBarsAreLogScaled() {
        String svg = new LogBarChart("p", "t", "x").render(List.of("a", "b", "c"),
                List.of(new Series("s", "#000", new double[] {10, 1000, 100_000})));
        // The axis spans the decades 10^1 .. 10^5 over the plot (x 150 .. 950): 1000 ends halfway.
        Matcher m = Pattern.compile("class=\"bar\" x=\"150\" y=\"[0-9.]+\" width=\"([0-9.]+)\"").matcher(svg);
        double[] widths = new double[3];
        for (int i = 0; i < 3; i++) {
            assertTrue(m.find());
            widths[i] = Double.parseDouble(m.group(1));
        }
        assertEquals(1.5, widths[0], 1e-9, "the smallest value sits at the axis origin; a sliver keeps it visible");
        assertEquals(400, widths[1], 0.01);
        assertEquals(800, widths[2], 0.01);
        for (String tick : new String[] {">10<", ">100<", ">1k<", ">10k<", ">100k<"}) {
            assertTrue(svg.contains(tick), tick);
        }
        assertTrue(svg.contains(">100,000<"), "bars carry their exact value");
    }

    @Test
    void zerosAndMissingValuesGetNoParameterBar() {
        String svg = new LogBarChart("p", "t", "x").render(List.of("relu", "conv"),
                List.of(new Series("built", "#000", new double[] {0, 156}),
                        new Series("dense", "#111", new double[] {Double.NaN, 3_692_640})));
        assertEquals(2, count(svg, "class=\"bar\""));
        assertFalse(svg.contains(">relu<"));
        assertTrue(new LogBarChart("p", "t", "x").render(List.of("relu"),
                List.of(new Series("built", "#000", new double[] {0}))).contains("no layer has parameters"));
    }

    @Test
    void confusionCellsAreShadedByTheirShareOfTheRow() {
        assertEquals("background:#ffffff;color:#1f2937", ConfusionMatrixTable.cellStyle(0, true));
        assertEquals("background:#1d4ed8;color:#ffffff", ConfusionMatrixTable.cellStyle(1, true));
        assertEquals("background:#dc2626;color:#ffffff", ConfusionMatrixTable.cellStyle(1, false));
        assertTrue(ConfusionMatrixTable.cellStyle(0.01, false).endsWith("color:#1f2937"));
        assertFalse(ConfusionMatrixTable.cellStyle(0.01, false).startsWith("background:#ffffff"),
                "a few confusions must still show");
    }
}
